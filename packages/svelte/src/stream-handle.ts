/**
 * The handle `useStream` returns, its store snapshot, and how selectors reach the controller.
 */
import type {
  HeadlessToolsOptions,
  RootSnapshot,
  StreamController,
  StreamOptions,
  StreamRespondAllOptions,
  StreamRespondOptions,
  StreamStopOptions,
  StreamSubmitOptions,
  SubagentMap,
  SubgraphByNodeMap,
  SubgraphMap,
  ThreadStream,
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

/** The discovery maps of a stream. */
export interface StreamDiscovery {
  /** Subagents by `task` tool call id: pass one as a selector target. */
  readonly subagents: SubagentMap;
  /** Subgraphs by namespace key. */
  readonly subgraphs: SubgraphMap;
  /** Subgraphs grouped by the node that hosts them. */
  readonly subgraphsByNode: SubgraphByNodeMap;
}

/**
 * Submit input: a partial state whose messages key may hold a string, a message (instance or
 * dict) or a list of them; `null` resumes or re-runs without input.
 */
export type StreamSubmitInput<TState> = { [K in keyof TState]?: unknown } | Record<string, unknown> | null;

/** The imperative side of a stream; each method acts on the current controller. */
export interface StreamMethods<TState extends Record<string, unknown> = Record<string, unknown>, TInterrupt = unknown> {
  /** Starts a run (see `StreamController.submit`). */
  submit(input: StreamSubmitInput<TState>, options?: StreamSubmitOptions): Promise<void>;
  /** Stops the run; cancels it on the server unless `{ cancel: false }`. */
  stop(options?: StreamStopOptions): Promise<void>;
  /** Stops listening; the server run keeps going and a later mount re-attaches. */
  disconnect(): Promise<void>;
  /** Answers one interrupt (default: `interrupt`). */
  respond(response: unknown, options?: StreamRespondOptions): Promise<void>;
  /** Answers several interrupts at once: `{ [interruptId]: response }`. */
  respondAll(responses: Record<string, unknown>, options?: StreamRespondAllOptions): Promise<void>;
  /** The live protocol-level thread, if a connection is open. */
  getThread(): ThreadStream<TState> | undefined;
  /** The core controller (its `registry` feeds `useProjection`). */
  readonly controller: StreamController<TState, TInterrupt>;
}

/**
 * One immutable moment of a stream: what `$stream` holds in a component.
 *
 * @example
 * {#each $stream.messages as message (message.id)}<p>{message.text}</p>{/each}
 */
export type StreamSnapshot<TState extends Record<string, unknown> = Record<string, unknown>, TInterrupt = unknown> = RootSnapshot<
  TState,
  TInterrupt
> &
  StreamDiscovery &
  StreamMethods<TState, TInterrupt> & {
    /** Settles when the current thread finished loading (a new promise per thread). */
    readonly hydrationPromise: Promise<void>;
  };

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
