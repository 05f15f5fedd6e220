/**
 * Controller lifetime of `useStream`: build, rebuild when the reactive options call for it (the
 * core decides), follow the `threadId` option, dispose with the effect scope.
 */
import {
  ThreadOptionFollower,
  createStreamController,
  mustRebuildController,
  resolveServerOptions,
  type HeadlessToolsOptions,
  type StreamController,
  type StreamOptions,
} from "@agent-stream/core";
import { markRaw, onScopeDispose, shallowReadonly, shallowRef, toRaw, toValue, watch, type MaybeRefOrGetter, type ShallowRef } from "vue";
import { injectStreamDefaults, type StreamDefaults } from "../plugin";

/** Options that may be refs or getters; every change applies at once. */
type ReactiveKeys = "assistantId" | "threadId" | "apiUrl" | "apiKey" | "headers" | "client" | "transport";

/**
 * Options of `useStream`: those of the core's `createStreamController`, where the server, the
 * assistant and the thread may be refs or getters.
 */
export type UseStreamOptions<TState extends Record<string, unknown> = Record<string, unknown>> = Omit<
  StreamOptions<TState>,
  ReactiveKeys
> &
  HeadlessToolsOptions & {
    assistantId: MaybeRefOrGetter<string>;
    threadId?: MaybeRefOrGetter<string | null | undefined>;
    apiUrl?: MaybeRefOrGetter<string | undefined>;
    apiKey?: MaybeRefOrGetter<string | undefined>;
    headers?: MaybeRefOrGetter<Record<string, string> | undefined>;
    client?: MaybeRefOrGetter<StreamOptions["client"]>;
    transport?: MaybeRefOrGetter<StreamOptions["transport"]>;
  };

/** The plain options the core sees right now (reading them tracks every reactive input). */
function resolveOptions<TState extends Record<string, unknown>>(
  options: UseStreamOptions<TState>,
  defaults: StreamDefaults,
): StreamOptions<TState> & HeadlessToolsOptions {
  const server = resolveServerOptions(
    { client: toValue(options.client), apiUrl: toValue(options.apiUrl), apiKey: toValue(options.apiKey) },
    { client: defaults.client, apiUrl: toValue(defaults.apiUrl), apiKey: toValue(defaults.apiKey) },
  );
  return {
    ...(options as StreamOptions<TState> & HeadlessToolsOptions),
    assistantId: toValue(options.assistantId),
    threadId: toValue(options.threadId),
    ...server,
    // A client held in a deep ref would be a proxy: the core's private fields need the object.
    client: toRaw(server.client),
    headers: toValue(options.headers),
    transport: toRaw(toValue(options.transport)),
  };
}

/** Throws when there is no effect scope to tie the stream's lifetime to. */
export function assertEffectScope(active: boolean, name: string): void {
  if (active) return;
  throw new Error(
    `${name}() needs an effect scope to know when to close the stream: call it in a component's setup(), ` +
      "a Pinia setup store, or inside effectScope().run(...) (stopping that scope closes the stream).",
  );
}

/**
 * The stream's controller as a read-only shallow ref. `onThreadSwitch` runs right after the
 * controller switched threads for a changed `threadId` option.
 */
export function useController<TState extends Record<string, unknown>, TInterrupt>(
  options: UseStreamOptions<TState>,
  onThreadSwitch: () => void,
): Readonly<ShallowRef<StreamController<TState, TInterrupt>>> {
  const defaults = injectStreamDefaults();
  let applied = resolveOptions(options, defaults);
  const controller = shallowRef(markRaw(createStreamController<TState, TInterrupt>(applied)));
  // The core's rule for the `threadId` option across changes and rebuilds.
  const threads = new ThreadOptionFollower<StreamController<TState, TInterrupt>>();
  threads.next(controller.value, applied.threadId);
  let deactivate = controller.value.activate();
  onScopeDispose(() => deactivate());
  watch(
    () => resolveOptions(options, defaults),
    (next) => {
      const previous = applied;
      applied = next;
      const current = controller.value;
      if (mustRebuildController(previous, next)) {
        deactivate();
        const rebuilt = markRaw(createStreamController<TState, TInterrupt>({ ...next, threadId: undefined }));
        const target = threads.next(rebuilt, next.threadId);
        if (target !== undefined) void rebuilt.hydrate(target);
        deactivate = rebuilt.activate();
        controller.value = rebuilt;
        return;
      }
      const target = threads.next(current, next.threadId);
      if (target === undefined) return;
      void current.hydrate(target);
      onThreadSwitch();
    },
    // Sync: `threadId.value = null; stream.submit(...)` must submit on the new thread.
    { flush: "sync" },
  );
  return shallowReadonly(controller);
}
