/**
 * The handle `useStream` returns, and how selector composables reach the controller behind it.
 */
import type {
  Interrupt,
  StreamRespondAllOptions,
  StreamRespondOptions,
  StreamStopOptions,
  StreamSubmitOptions,
  SubagentMap,
  SubgraphByNodeMap,
  SubgraphMap,
  ThreadStream,
  StreamController,
  ToolCallSnapshot,
} from "@agent-stream/core";
import type { BaseMessage } from "@langchain/core/messages";
import { isRef, type ComputedRef, type ShallowRef } from "vue";

/**
 * Submit input: a partial state whose messages key may hold a string, a message (instance or
 * dict) or a list of them; `null` resumes or re-runs without input.
 */
export type StreamSubmitInput<TState> = { [K in keyof TState]?: unknown } | Record<string, unknown> | null;

/**
 * What `useStream`, `provideStream` and `useStreamContext` return. Every field is a read-only ref
 * (use `.value` in script); the methods always act on the current controller.
 *
 * In templates Vue unwraps only top-level refs: destructure the fields you render
 * (`const { messages, isLoading, submit } = useStream(...)`), or wrap the handle in `reactive()`
 * (`const stream = reactive(useStream(...))`, then `stream.isLoading` is a boolean everywhere).
 * On the bare handle, `:disabled="stream.isLoading"` binds the ref object itself (always truthy).
 *
 * @example
 * const stream = useStream({ assistantId: "agent", apiUrl });
 * watch(stream.messages, (messages) => console.log(messages.length));
 */
export interface StreamHandle<TState extends Record<string, unknown> = Record<string, unknown>, TInterrupt = unknown> {
  /** Latest root state (`initialValues` until the server sends some). */
  readonly values: ComputedRef<TState>;
  /** The root conversation, streamed token by token. */
  readonly messages: ComputedRef<readonly BaseMessage[]>;
  readonly toolCalls: ComputedRef<readonly ToolCallSnapshot[]>;
  /** Pending interrupts from every namespace, oldest first. */
  readonly interrupts: ComputedRef<readonly Interrupt<TInterrupt>[]>;
  /** `interrupts[0]`. */
  readonly interrupt: ComputedRef<Interrupt<TInterrupt> | undefined>;
  /** True while a run is in flight. */
  readonly isLoading: ComputedRef<boolean>;
  /** True while the thread's stored state is loading. */
  readonly isThreadLoading: ComputedRef<boolean>;
  /** Settles when the current thread finished loading (a new promise per thread). */
  readonly hydrationPromise: ComputedRef<Promise<void>>;
  /** The last run or hydration error; cleared by the next submit. */
  readonly error: ComputedRef<unknown>;
  readonly threadId: ComputedRef<string | null>;
  /** Subagents by `task` tool call id: pass one as a selector target. */
  readonly subagents: Readonly<ShallowRef<SubagentMap>>;
  /** Subgraphs by namespace key. */
  readonly subgraphs: Readonly<ShallowRef<SubgraphMap>>;
  /** Subgraphs grouped by the node that hosts them. */
  readonly subgraphsByNode: Readonly<ShallowRef<SubgraphByNodeMap>>;
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
  /** The core controller (replaced when `assistantId`, `apiUrl`, `apiKey`, ... change). */
  readonly controller: Readonly<ShallowRef<StreamController<TState, TInterrupt>>>;
}

/**
 * What a selector composable accepts as its stream: a handle, a handle wrapped in `reactive()`,
 * or a bare controller.
 */
export type StreamSource<TState extends Record<string, unknown> = Record<string, unknown>> =
  | { readonly controller: Readonly<ShallowRef<StreamController<TState, any>>> | StreamController<TState, any> }
  | StreamController<TState, any>;

/**
 * The controller behind `source`. Reads the handle's `controller` ref, so a watcher or computed
 * calling this follows controller rebuilds.
 */
export function controllerOf<TState extends Record<string, unknown>>(source: StreamSource<TState>): StreamController<TState, any> {
  if (!("controller" in source)) return source;
  const controller = source.controller;
  return isRef(controller) ? controller.value : controller;
}

/** The handle's methods, each calling the controller current at call time. */
export type StreamMethods<TState extends Record<string, unknown>, TInterrupt> = Pick<
  StreamHandle<TState, TInterrupt>,
  "submit" | "stop" | "disconnect" | "respond" | "respondAll" | "getThread"
>;

/** Binds the methods to whatever `current()` returns when they are called. */
export function bindMethods<TState extends Record<string, unknown>, TInterrupt>(
  current: () => StreamController<TState, TInterrupt>,
): StreamMethods<TState, TInterrupt> {
  return {
    submit: (input, options) => current().submit(input, options),
    stop: (options) => current().stop(options),
    disconnect: () => current().disconnect(),
    respond: (response, options) => current().respond(response, options),
    respondAll: (responses, options) => current().respondAll(responses, options),
    getThread: () => current().getThread(),
  };
}
