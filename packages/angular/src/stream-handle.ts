/**
 * The handle `injectStream` returns, and how selector functions reach the controller behind it.
 */
import type {
  Interrupt,
  StreamController,
  StreamRespondAllOptions,
  StreamRespondOptions,
  StreamStopOptions,
  StreamSubmitOptions,
  SubagentMap,
  SubgraphByNodeMap,
  SubgraphMap,
  ThreadStream,
  ToolCallSnapshot,
} from "@agent-stream/core";
import { isSignal, type Signal } from "@angular/core";
import type { BaseMessage } from "@langchain/core/messages";

/**
 * Submit input: a partial state whose messages key may hold a string, a message (instance or
 * dict) or a list of them; `null` resumes or re-runs without input.
 */
export type StreamSubmitInput<TState> = { [K in keyof TState]?: unknown } | Record<string, unknown> | null;

/**
 * What `injectStream`, `injectStreamContext` and `StreamService` expose. Every field is a
 * read-only `Signal` (call it in templates: `stream.isLoading()`); the methods always act on the
 * current controller.
 *
 * @example
 * readonly stream = injectStream({ assistantId: "agent", apiUrl });
 * // <button [disabled]="stream.isLoading()" (click)="stream.submit({ messages: 'Hi' })">Send</button>
 */
export interface StreamHandle<TState extends Record<string, unknown> = Record<string, unknown>, TInterrupt = unknown> {
  /** Latest root state (`initialValues` until the server sends some). */
  readonly values: Signal<TState>;
  /** The root conversation, streamed token by token. */
  readonly messages: Signal<readonly BaseMessage[]>;
  readonly toolCalls: Signal<readonly ToolCallSnapshot[]>;
  /** Pending interrupts from every namespace, oldest first. */
  readonly interrupts: Signal<readonly Interrupt<TInterrupt>[]>;
  /** `interrupts()[0]`. */
  readonly interrupt: Signal<Interrupt<TInterrupt> | undefined>;
  /** True while a run is in flight. */
  readonly isLoading: Signal<boolean>;
  /** True while the thread's stored state is loading. */
  readonly isThreadLoading: Signal<boolean>;
  /** Settles when the current thread finished loading (a new promise per thread). */
  readonly hydrationPromise: Signal<Promise<void>>;
  /** The last run or hydration error; cleared by the next submit. */
  readonly error: Signal<unknown>;
  readonly threadId: Signal<string | null>;
  /** Subagents by `task` tool call id: pass one as a selector target. */
  readonly subagents: Signal<SubagentMap>;
  /** Subgraphs by namespace key. */
  readonly subgraphs: Signal<SubgraphMap>;
  /** Subgraphs grouped by the node that hosts them. */
  readonly subgraphsByNode: Signal<SubgraphByNodeMap>;
  /** Starts a run (see `StreamController.submit`). */
  submit(input: StreamSubmitInput<TState>, options?: StreamSubmitOptions): Promise<void>;
  /** Stops the run; cancels it on the server unless `{ cancel: false }`. */
  stop(options?: StreamStopOptions): Promise<void>;
  /** Stops listening; the server run keeps going and a later mount re-attaches. */
  disconnect(): Promise<void>;
  /** Answers one interrupt (default: `interrupt()`). */
  respond(response: unknown, options?: StreamRespondOptions): Promise<void>;
  /** Answers several interrupts at once: `{ [interruptId]: response }`. */
  respondAll(responses: Record<string, unknown>, options?: StreamRespondAllOptions): Promise<void>;
  /** The live protocol-level thread, if a connection is open. */
  getThread(): ThreadStream<TState> | undefined;
  /** The core controller (replaced when `assistantId`, `apiUrl`, `apiKey`, ... change). */
  readonly controller: Signal<StreamController<TState, TInterrupt>>;
}

/**
 * What a selector function accepts as its stream: a handle, a `StreamService`, or a bare controller.
 */
export type StreamSource<TState extends Record<string, unknown> = Record<string, unknown>> =
  | { readonly controller: Signal<StreamController<TState, any>> | StreamController<TState, any> }
  | StreamController<TState, any>;

/** The controller behind `source` (tracked: a computed calling this follows controller rebuilds). */
export function controllerOf<TState extends Record<string, unknown>>(source: StreamSource<TState>): StreamController<TState, any> {
  if (!("controller" in source)) return source;
  const controller = source.controller;
  return isSignal(controller) ? controller() : controller;
}

/** The handle's methods. */
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
