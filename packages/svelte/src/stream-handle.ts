/**
 * The handle `useStream` returns, its store snapshot, and how selectors reach the controller.
 */
import type {
  HeadlessToolsOptions,
  StreamActions,
  StreamController,
  StreamHandleValues,
  StreamOptions,
} from "@agent-stream/core";
import type { Readable } from "svelte/store";
import { readValue, type ValueOrGetter } from "./selector-target.js";

/**
 * Options of `useStream`: those of the core's `createStreamController`, with `threadId` as a value
 * or a getter (a change switches threads; `null`: a new thread on the next submit).
 *
 * @example
 * const options: UseStreamOptions = { assistantId: "agent", apiUrl, threadId: () => page.threadId };
 */
export type UseStreamOptions<TState extends Record<string, unknown> = Record<string, unknown>> = Omit<
  StreamOptions<TState>,
  "threadId"
> &
  HeadlessToolsOptions & {
    threadId?: ValueOrGetter<string | null | undefined>;
  };

export type { StreamDiscovery, StreamSubmitInput } from "@agent-stream/core";

/** The imperative side of a stream; each method acts on the current controller. */
export interface StreamMethods<TState extends Record<string, unknown> = Record<string, unknown>, TInterrupt = unknown>
  extends StreamActions<TState> {
  /** The core controller (its `registry` feeds `useProjection`). */
  readonly controller: StreamController<TState, TInterrupt>;
}

/**
 * One immutable moment of a stream: what `$stream` holds in a component.
 *
 * @example
 * {#each $stream.messages as message (message.id)}<p>{message.text}</p>{/each}
 */
export type StreamSnapshot<TState extends Record<string, unknown> = Record<string, unknown>, TInterrupt = unknown> =
  StreamHandleValues<TState, TInterrupt> & StreamMethods<TState, TInterrupt>;

/**
 * What `useStream` returns: a stable object whose fields read reactively under runes
 * (`stream.messages`, `stream.isLoading`; do not destructure them) and which is also a Svelte
 * store (`$stream.messages`).
 *
 * @example
 * const stream = useStream({ assistantId: "agent", apiUrl });
 * $effect(() => console.log(stream.messages.length));
 */
export interface StreamHandle<TState extends Record<string, unknown> = Record<string, unknown>, TInterrupt = unknown>
  extends StreamSnapshot<TState, TInterrupt>,
    Readable<StreamSnapshot<TState, TInterrupt>> {}

/**
 * Anything a selector accepts as its stream: a handle, a snapshot, a bare controller, or a getter
 * returning one (`() => stream`, e.g. over a component prop).
 */
export type StreamSource<TState extends Record<string, unknown> = Record<string, unknown>> = ValueOrGetter<
  { readonly controller: StreamController<TState, any> } | StreamController<TState, any>
>;

/** The controller behind a source (read reactively from a handle whose controller may be rebuilt). */
export function controllerOf<TState extends Record<string, unknown>>(
  source: StreamSource<TState>,
): StreamController<TState, unknown> {
  const value = readValue(source);
  return "controller" in value ? value.controller : value;
}
