import type { HeadlessToolsOptions } from "../headless-tools/types";
/**
 * Public types of the stream controller: snapshots, options and callbacks.
 */
import type { BaseMessage } from "@langchain/core/messages";
import type { AssembledToolCall } from "../assembly/types";
import type { Client } from "../client/client";
import type { Namespace } from "../protocol/types";
import type { ReconnectOptions } from "../transport/backoff";
import type { AgentServerAdapter, FetchLike, WebSocketFactory } from "../transport/adapter";

/** Default state key holding the conversation. */
export const DEFAULT_MESSAGES_KEY = "messages";

/**
 * A pending `interrupt()` of the graph, from any namespace.
 *
 * @example
 * const { interrupt } = controller.rootStore.getSnapshot();
 * if (interrupt) await controller.respond({ decision: "approve" }, { interruptId: interrupt.id });
 */
export interface Interrupt<TValue = unknown> {
  /** The interrupt id the server answers to. */
  readonly id: string;
  /** The payload the graph passed to `interrupt()`. */
  readonly value: TValue;
  /** Namespace of the node that raised it; `[]` for the root graph. */
  readonly namespace: Namespace;
}

/**
 * An immutable view of one tool execution of the root graph (or its depth-1 tool namespaces): the
 * assembler's {@link AssembledToolCall} without its change counter, frozen per change.
 *
 * @example
 * for (const call of snapshot.toolCalls) console.log(call.name, call.status, call.output);
 */
export type ToolCallSnapshot = Readonly<Omit<AssembledToolCall, "version">>;

/**
 * The root snapshot of a controller: what a chat UI renders.
 *
 * @example
 * const { messages, isLoading, interrupt } = controller.rootStore.getSnapshot();
 */
export interface RootSnapshot<TState = Record<string, unknown>, TInterrupt = unknown> {
  /** Latest root state; `values[messagesKey]` is the same array as `messages`. */
  readonly values: TState;
  /** Root conversation as `@langchain/core` instances (streamed messages included). */
  readonly messages: readonly BaseMessage[];
  readonly toolCalls: readonly ToolCallSnapshot[];
  /** Pending interrupts from every namespace, oldest first. */
  readonly interrupts: readonly Interrupt<TInterrupt>[];
  /** `interrupts[0]`. */
  readonly interrupt: Interrupt<TInterrupt> | undefined;
  /** True while a run of this thread is in flight. */
  readonly isLoading: boolean;
  /** True while the thread's stored state is being loaded. */
  readonly isThreadLoading: boolean;
  /** The last run or hydration error; cleared by the next submit. */
  readonly error: unknown;
  readonly threadId: string | null;
}

/** Whether an optimistic message was echoed by the server. */
export type OptimisticStatus = "pending" | "sent" | "failed";

/**
 * Per-message metadata.
 *
 * @example
 * const parent = controller.messageMetadataStore.getSnapshot().get(message.id!)?.parentCheckpointId;
 * await controller.submit(null, { forkFrom: parent });
 */
export interface MessageMetadata {
  /** The checkpoint just before the one the message first appeared in: fork from it to redo that turn. */
  readonly parentCheckpointId: string | undefined;
  readonly optimisticStatus?: OptimisticStatus;
}

/** Message id → metadata. */
export type MessageMetadataMap = ReadonlyMap<string, MessageMetadata>;

/** How a submit treats a run already in flight. */
export type MultitaskStrategy = "rollback" | "interrupt" | "reject" | "enqueue";

/** Configuration sent with a run. */
export interface RunConfig<TConfigurable = Record<string, unknown>> {
  configurable?: TConfigurable & Record<string, unknown>;
  recursion_limit?: number;
  tags?: string[];
  [key: string]: unknown;
}

/**
 * Options of `submit`.
 *
 * @example
 * await controller.submit({ messages: "hi" }, { multitaskStrategy: "enqueue" });
 */
export interface StreamSubmitOptions<TConfigurable = Record<string, unknown>> {
  config?: RunConfig<TConfigurable>;
  metadata?: Record<string, unknown>;
  /** Sent as `config.context` (LangGraph runtime context). */
  context?: Record<string, unknown>;
  /** Checkpoint to fork from (see `MessageMetadata.parentCheckpointId`). */
  forkFrom?: string;
  /** Default `"rollback"`. */
  multitaskStrategy?: MultitaskStrategy;
  /** Run on this thread instead (`null`: a new thread); the controller switches to it first. */
  threadId?: string | null;
  /** Called with a dispatch or run error, in addition to `rootStore.error`. */
  onError?: (error: unknown) => void;
}

/**
 * A submit waiting in the client-side queue (`multitaskStrategy: "enqueue"`).
 *
 * @example
 * for (const entry of controller.queueStore.getSnapshot()) await controller.cancelQueued(entry.id);
 */
export interface SubmissionQueueEntry<TInput = unknown> {
  readonly id: string;
  readonly values: TInput;
  readonly options: StreamSubmitOptions | undefined;
  readonly createdAt: Date;
}

/** Why a run's active phase ended. */
export type RunCompletedReason = "success" | "error" | "interrupt" | "stopped";

/** Passed to `onCompleted`. */
export interface RunCompletedInfo {
  readonly runId: string | undefined;
  readonly reason: RunCompletedReason;
}

/** Options of `stop`. */
export interface StreamStopOptions {
  /** Cancel the run on the server (default true). `false` only stops listening. */
  cancel?: boolean;
}

/** Options of `respondAll`. */
export interface StreamRespondAllOptions {
  config?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  /**
   * State update applied with the resume: an object (its messages are shown at once, with the
   * same ids as sent) or a list of `[key, value]` pairs (sent as is).
   */
  update?: Record<string, unknown> | readonly (readonly [string, unknown])[];
  /** Node(s) to continue at (LangGraph `Command.goto`). */
  goto?: unknown;
}

/** Options of `respond`. */
export interface StreamRespondOptions extends StreamRespondAllOptions {
  /** The interrupt to answer; default: the oldest pending one (`snapshot.interrupt`). */
  interruptId?: string;
  /** Its namespace; default: the one it was raised in. */
  namespace?: readonly string[];
}

/** Callbacks a binding may update on a live controller without rebuilding it. */
export interface StreamCallbacks {
  /** A thread id was minted by the first submit. */
  onThreadId?: (threadId: string) => void;
  /** The server accepted a run. */
  onCreated?: (info: { runId: string }) => void;
  /** A run's active phase ended. */
  onCompleted?: (info: RunCompletedInfo) => void;
  /**
   * Any run, dispatch or hydration error (also in `rootStore.error`), and problems the stream
   * survived, such as a skipped `MalformedFrameError` (not put in `rootStore.error`: the run goes on).
   */
  onError?: (error: unknown) => void;
}

/**
 * Options of `StreamController` (the client is already built; see `normalizeStreamOptions`).
 *
 * @example
 * const controller = new StreamController({ assistantId: "agent", client: new Client({ apiUrl }) });
 */
export interface StreamControllerOptions<TState = Record<string, unknown>> extends StreamCallbacks, HeadlessToolsOptions {
  assistantId: string;
  client: Client;
  transport?: "sse" | "websocket" | AgentServerAdapter;
  fetch?: FetchLike;
  webSocketFactory?: WebSocketFactory;
  reconnect?: ReconnectOptions;
  /** Thread to load at construction; `null`/absent: a new thread on first submit. */
  threadId?: string | null;
  initialValues?: TState;
  /** Default `"messages"`. */
  messagesKey?: string;
  /** Show submitted messages at once (default true). */
  optimistic?: boolean;
  /** Minimum spacing of store notifications in ms (default 0: one per macrotask). */
  throttleMs?: number;
}
