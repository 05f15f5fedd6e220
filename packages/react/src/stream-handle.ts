/**
 * The handle `useStream` returns, and how selector hooks reach the controller behind it.
 */
import type {
  Interrupt,
  RootSnapshot,
  StreamController,
  StreamRespondAllOptions,
  StreamRespondOptions,
  StreamStopOptions,
  StreamSubmitOptions,
  ThreadStream,
  ToolCallSnapshot,
} from "@agent-stream/core";
import type { BaseMessage } from "@langchain/core/messages";

/** Subagents by `task` tool call id (name, namespace, status, task input, output, ...). */
export type SubagentMap = ReturnType<StreamController["subagentStore"]["getSnapshot"]>;
/** One subagent: pass it as a selector target to read its messages, tool calls, values. */
export type SubagentSnapshot = SubagentMap extends ReadonlyMap<string, infer TSubagent> ? TSubagent : never;
/** Subgraphs by namespace key. */
export type SubgraphMap = ReturnType<StreamController["subgraphStore"]["getSnapshot"]>;
/** Subgraphs grouped by the node that hosts them. */
export type SubgraphByNodeMap = ReturnType<StreamController["subgraphByNodeStore"]["getSnapshot"]>;

/** The discovery maps of a handle. */
export interface StreamDiscovery {
  readonly subagents: SubagentMap;
  readonly subgraphs: SubgraphMap;
  readonly subgraphsByNode: SubgraphByNodeMap;
}

/**
 * Submit input: a partial state whose messages key may hold a string, a message (instance or
 * dict) or a list of them; `null` resumes or re-runs without input.
 */
export type StreamSubmitInput<TState> = { [K in keyof TState]?: unknown } | Record<string, unknown> | null;

/**
 * What `useStream`, `useSuspenseStream` and `useStreamContext` return: the root snapshot's fields,
 * the imperative methods (stable for the life of the controller) and the controller itself.
 *
 * @example
 * const stream = useStream({ assistantId: "agent", apiUrl });
 * stream.messages.map((message) => message.text);
 */
export interface StreamHandle<TState extends Record<string, unknown> = Record<string, unknown>, TInterrupt = unknown>
  extends StreamDiscovery {
  /** Latest root state (`initialValues` until the server sends some). */
  readonly values: TState;
  /** The root conversation, streamed token by token. */
  readonly messages: readonly BaseMessage[];
  readonly toolCalls: readonly ToolCallSnapshot[];
  /** Pending interrupts from every namespace, oldest first. */
  readonly interrupts: readonly Interrupt<TInterrupt>[];
  /** `interrupts[0]`. */
  readonly interrupt: Interrupt<TInterrupt> | undefined;
  /** True while a run is in flight. */
  readonly isLoading: boolean;
  /** True while the thread's stored state is loading. */
  readonly isThreadLoading: boolean;
  /** Settles when the current thread finished loading (a new promise per thread). */
  readonly hydrationPromise: Promise<void>;
  /** The last run or hydration error; cleared by the next submit. */
  readonly error: unknown;
  readonly threadId: string | null;
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
  /** The core controller: its `registry` feeds `useProjection`. */
  readonly controller: StreamController<TState, TInterrupt>;
}

/** Anything a selector hook accepts as its stream: a handle, or a bare controller. */
export type StreamSource<TState extends Record<string, unknown> = Record<string, unknown>> =
  | Pick<StreamHandle<TState, unknown>, "controller">
  | StreamController<TState, unknown>;

/** The controller behind a handle (or the controller itself). */
export function controllerOf<TState extends Record<string, unknown>>(
  source: StreamSource<TState>,
): StreamController<TState, unknown> {
  return "controller" in source ? source.controller : source;
}

/** The methods of a handle, bound once per controller so their identity is stable. */
export type StreamMethods<TState extends Record<string, unknown>, TInterrupt> = Pick<
  StreamHandle<TState, TInterrupt>,
  "submit" | "stop" | "disconnect" | "respond" | "respondAll" | "getThread" | "controller"
>;

/** Binds the handle's methods to `controller`. */
export function bindMethods<TState extends Record<string, unknown>, TInterrupt>(
  controller: StreamController<TState, TInterrupt>,
): StreamMethods<TState, TInterrupt> {
  return {
    submit: (input, options) => controller.submit(input, options),
    stop: (options) => controller.stop(options),
    disconnect: () => controller.disconnect(),
    respond: (response, options) => controller.respond(response, options),
    respondAll: (responses, options) => controller.respondAll(responses, options),
    getThread: () => controller.getThread(),
    controller,
  };
}

/** Builds a handle from the snapshots and the bound methods. */
export function toHandle<TState extends Record<string, unknown>, TInterrupt>(
  snapshot: RootSnapshot<TState, TInterrupt>,
  discovery: StreamDiscovery,
  methods: StreamMethods<TState, TInterrupt>,
): StreamHandle<TState, TInterrupt> {
  return { ...snapshot, ...discovery, ...methods, hydrationPromise: methods.controller.hydrationPromise };
}
