/**
 * Controller lifetime of `injectStream`: build, rebuild when the options call for it (the core
 * decides), follow the `threadId` option, keep SSR waiting while a thread loads, dispose with the
 * `DestroyRef`.
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
import { computed, PendingTasks, signal, untracked, type Signal } from "@angular/core";
import { STREAM_DEFAULTS, type StreamDefaults } from "../stream-defaults";
import { readValue, type MaybeSignal } from "../selector-target";
import { watchValue, type BindingContext, type InjectOptions } from "./binding-context";

/** Options that may be `Signal`s or functions; every change applies. */
type ReactiveKeys = "assistantId" | "threadId" | "apiUrl" | "apiKey" | "headers" | "client" | "transport";

/**
 * Options of `injectStream`: those of the core's `createStreamController`, where the server, the
 * assistant and the thread may be `Signal`s or functions, plus an optional `injector`.
 */
export type InjectStreamOptions<TState extends Record<string, unknown> = Record<string, unknown>> = Omit<
  StreamOptions<TState>,
  ReactiveKeys
> &
  HeadlessToolsOptions &
  InjectOptions & {
    assistantId: MaybeSignal<string>;
    threadId?: MaybeSignal<string | null | undefined>;
    apiUrl?: MaybeSignal<string | undefined>;
    apiKey?: MaybeSignal<string | undefined>;
    headers?: MaybeSignal<Record<string, string> | undefined>;
    client?: MaybeSignal<StreamOptions["client"]>;
    transport?: MaybeSignal<StreamOptions["transport"]>;
  };

type PlainOptions<TState> = StreamOptions<TState> & HeadlessToolsOptions;

/** The plain options the core sees right now (reading them tracks every reactive input). */
function resolveOptions<TState extends Record<string, unknown>>(options: InjectStreamOptions<TState>, defaults: StreamDefaults): PlainOptions<TState> {
  const { injector: _injector, ...rest } = options;
  return {
    ...(rest as PlainOptions<TState>),
    assistantId: readValue(options.assistantId),
    threadId: readValue(options.threadId),
    ...resolveServerOptions(
      { client: readValue(options.client), apiUrl: readValue(options.apiUrl), apiKey: readValue(options.apiKey) },
      { client: defaults.client, apiUrl: readValue(defaults.apiUrl), apiKey: readValue(defaults.apiKey) },
    ),
    headers: readValue(options.headers),
    transport: readValue(options.transport),
  };
}

/** The controller of one `injectStream`, and a version that changes whenever its root store may have. */
export interface ControllerSlot<TState extends Record<string, unknown>, TInterrupt> {
  readonly controller: Signal<StreamController<TState, TInterrupt>>;
  /** The controller after applying option changes not yet seen by an effect (call before acting). */
  current(): StreamController<TState, TInterrupt>;
  /** Marks the root snapshot as possibly changed (a thread switch resets it before it notifies). */
  refresh(): void;
  readonly version: Signal<number>;
}

/**
 * Builds the controller and keeps it in line with the options until `context` is destroyed.
 * Option changes apply on the next effect run, or at once when a method calls `current()`
 * (`threadId.set(null); stream.submit(...)` submits on a new thread).
 */
export function injectController<TState extends Record<string, unknown>, TInterrupt>(
  options: InjectStreamOptions<TState>,
  context: BindingContext,
): ControllerSlot<TState, TInterrupt> {
  const defaults = context.injector.get(STREAM_DEFAULTS, {});
  const pendingTasks = context.injector.get(PendingTasks);
  const version = signal(0);
  const refresh = (): void => version.update((value) => value + 1);
  const pending = new Set<() => void>();
  const seen = new WeakSet<Promise<void>>();
  // SSR renders once every pending task is done: hold one while each thread loads.
  const trackHydration = (controller: StreamController<TState, TInterrupt>): void => {
    const promise = controller.hydrationPromise;
    if (seen.has(promise)) return;
    seen.add(promise);
    const remove = pendingTasks.add();
    pending.add(remove);
    const done = (): void => {
      pending.delete(remove);
      remove();
      refresh();
    };
    promise.then(done, done);
  };

  const resolved = computed(() => resolveOptions(options, defaults));
  let applied = untracked(resolved);
  const controller = signal(createStreamController<TState, TInterrupt>(applied));
  // The core's rule for the `threadId` option across changes and rebuilds.
  const threads = new ThreadOptionFollower<StreamController<TState, TInterrupt>>();
  threads.next(untracked(controller), applied.threadId);
  let deactivate = untracked(controller).activate();
  trackHydration(untracked(controller));

  const apply = (next: PlainOptions<TState>): void => {
    const previous = applied;
    applied = next;
    const active = untracked(controller);
    if (mustRebuildController(previous, next)) {
      deactivate();
      const rebuilt = createStreamController<TState, TInterrupt>({ ...next, threadId: undefined });
      const target = threads.next(rebuilt, next.threadId);
      if (target !== undefined) void rebuilt.hydrate(target);
      deactivate = rebuilt.activate();
      controller.set(rebuilt);
      trackHydration(rebuilt);
      return;
    }
    const target = threads.next(active, next.threadId);
    if (target === undefined) return;
    void active.hydrate(target);
    trackHydration(active);
    refresh();
  };
  watchValue(resolved, (next) => {
    if (next !== applied) apply(next);
  }, context);
  context.destroyRef.onDestroy(() => {
    deactivate();
    for (const remove of pending) remove();
    pending.clear();
  });
  return {
    controller: controller.asReadonly(),
    current: () =>
      untracked(() => {
        const next = resolved();
        if (next !== applied) apply(next);
        return controller();
      }),
    refresh,
    version: version.asReadonly(),
  };
}

