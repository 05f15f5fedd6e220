/**
 * The shape every binding's stream handle shares, as plain values: each binding maps these fields
 * into its own reactivity (React: values, Vue: refs, Svelte: runes fields, Angular: signals), so the
 * fields, their meaning and the methods are written once.
 */
import type { SubagentMap, SubgraphByNodeMap, SubgraphMap } from "../discovery/index";
import type { ThreadStream } from "../thread/thread-stream";
import type {
  RootSnapshot,
  StreamCallbacks,
  StreamRespondAllOptions,
  StreamRespondOptions,
  StreamStopOptions,
  StreamSubmitOptions,
} from "./types";

/**
 * Submit input: a partial state whose messages key may hold a string, a message (instance or
 * dict) or a list of them; `null` resumes or re-runs without input.
 *
 * @example
 * const input: StreamSubmitInput<{ messages: unknown[] }> = { messages: "Hello" };
 */
export type StreamSubmitInput<TState> = { [K in keyof TState]?: unknown } | Record<string, unknown> | null;

/**
 * The discovery maps of a stream.
 *
 * @example
 * const researcher = [...handle.subagents.values()].find((subagent) => subagent.name === "researcher");
 */
export interface StreamDiscovery {
  /** Subagents by `task` tool call id: pass one as a selector target. */
  readonly subagents: SubagentMap;
  /** Subgraphs by namespace key. */
  readonly subgraphs: SubgraphMap;
  /** Subgraphs grouped by the node that hosts them. */
  readonly subgraphsByNode: SubgraphByNodeMap;
}

/**
 * Everything a handle shows, as plain values: the root snapshot, the discovery maps, and the
 * promise of the current thread's load.
 *
 * @example
 * type VueFields = { readonly [K in keyof StreamHandleValues]: ComputedRef<StreamHandleValues[K]> };
 */
export type StreamHandleValues<TState = Record<string, unknown>, TInterrupt = unknown> = RootSnapshot<TState, TInterrupt> &
  StreamDiscovery & {
    /** Settles when the current thread finished loading (a new promise per thread). */
    readonly hydrationPromise: Promise<void>;
  };

/**
 * The imperative side of a handle; each method acts on the current controller.
 *
 * @example
 * await handle.submit({ messages: "Hello" });
 */
export interface StreamActions<TState = Record<string, unknown>> {
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
}

/**
 * The handle's methods, each calling the controller `current()` returns at call time (bindings
 * rebuild controllers; a method captured earlier still reaches the live one).
 *
 * @example
 * const actions = bindStreamActions(() => controllerRef.value);
 * await actions.submit({ messages: "Hello" });
 */
export function bindStreamActions<TState>(current: () => StreamActions<TState>): StreamActions<TState> {
  return {
    submit: (input, options) => current().submit(input, options),
    stop: (options) => current().stop(options),
    disconnect: () => current().disconnect(),
    respond: (response, options) => current().respond(response, options),
    respondAll: (responses, options) => current().respondAll(responses, options),
    getThread: () => current().getThread(),
  };
}

/**
 * Where a binding's selector reads from: the root (`undefined`, `null`, `[]`), a namespace, or
 * anything with a `namespace` (a subagent or subgraph snapshot).
 *
 * @example
 * useMessages(stream, ["research:1"]);
 */
export type SelectorTarget = undefined | null | readonly string[] | { readonly namespace: readonly string[] };

/**
 * The namespace a target names; `[]` for the root.
 *
 * @example
 * targetNamespace(subagent); // subagent.namespace
 */
export function targetNamespace(target: SelectorTarget): readonly string[] {
  if (target === undefined || target === null) return [];
  return Array.isArray(target) ? (target as readonly string[]) : (target as { namespace: readonly string[] }).namespace;
}

/**
 * Callbacks that call whatever `read()` returns at call time, so a binding passes the newest
 * callbacks without rebuilding its controller.
 *
 * @example
 * controller.setCallbacks(forwardCallbacks(() => latestOptions));
 */
export function forwardCallbacks(read: () => StreamCallbacks): StreamCallbacks {
  return {
    onThreadId: (threadId) => read().onThreadId?.(threadId),
    onCreated: (info) => read().onCreated?.(info),
    onCompleted: (info) => read().onCompleted?.(info),
    onError: (error) => read().onError?.(error),
  };
}
