/**
 * Wire types of the thread-centric streaming protocol (see `shared/spec/protocol.md`).
 * These describe what the server sends; every field a server might omit is optional.
 */

/** A namespace path; `[]` is the root graph, segments are `"<node>:<task id>"`. */
export type Namespace = readonly string[];

/** Channels a subscription can ask for. `custom:<name>` narrows custom events by name. */
export type Channel =
  | "values"
  | "updates"
  | "messages"
  | "tools"
  | "lifecycle"
  | "input"
  | "checkpoints"
  | "tasks"
  | "custom"
  | `custom:${string}`;

/** Client → server command envelope. */
export interface ProtocolCommand {
  id: number;
  method: string;
  params?: Record<string, unknown>;
}

/** Metadata attached to command responses. */
export interface ResponseMeta {
  applied_through_seq?: number;
  thread_id?: string;
  [key: string]: unknown;
}

/** Successful command response. */
export interface CommandSuccess {
  type: "success";
  id: number;
  result: Record<string, unknown>;
  meta?: ResponseMeta;
}

/** Protocol error codes a server may answer with. */
export type ProtocolErrorCode =
  | "invalid_argument"
  | "unknown_command"
  | "unknown_error"
  | "no_such_run"
  | "no_such_subscription"
  | "no_such_namespace"
  | "no_such_interrupt"
  | "no_such_checkpoint"
  | "permission_denied"
  | "not_supported"
  | (string & {});

/** Error command response. `id` is null for errors not tied to a command. */
export interface CommandError {
  type: "error";
  id: number | null;
  error: ProtocolErrorCode;
  message: string;
  stacktrace?: string;
  meta?: ResponseMeta;
}

export type CommandResponse = CommandSuccess | CommandError;

/** One event envelope as sent by the server. `data` depends on `method`. */
export interface ProtocolEvent<TData = unknown> {
  type: "event";
  method: string;
  event_id?: string;
  seq?: number;
  params: {
    namespace: string[];
    timestamp: number;
    node?: string;
    data: TData;
  };
}

/** A filter describing which events a subscription receives. */
export interface SubscriptionFilter {
  channels: readonly Channel[];
  /** Namespace prefixes; absent or empty means every namespace. */
  namespaces?: readonly (readonly string[])[];
  /** Max depth below a matched prefix; only meaningful with `namespaces`. */
  depth?: number;
}

// ---- messages channel -------------------------------------------------------

export interface UsageInfo {
  input_tokens?: number;
  output_tokens?: number;
  total_tokens?: number;
  input_token_details?: Record<string, number | undefined>;
  output_token_details?: Record<string, number | undefined>;
}

/** A content block as it appears on the wire (open shape: providers add fields). */
export interface ContentBlock {
  type: string;
  index?: number;
  [key: string]: unknown;
}

export type MessageRole = "ai" | "human" | "system" | "tool";

export type MessagesEventData =
  | {
      event: "message-start";
      id?: string;
      role?: MessageRole | (string & {});
      tool_call_id?: string;
      metadata?: Record<string, unknown>;
      usage?: UsageInfo;
      run_id?: string;
    }
  | { event: "content-block-start"; index: number; content: ContentBlock; run_id?: string }
  | {
      event: "content-block-delta";
      index: number;
      delta?: { type: string; [key: string]: unknown };
      /** Legacy form: a partial block instead of a delta. */
      content?: ContentBlock;
      run_id?: string;
    }
  | { event: "content-block-finish"; index: number; content: ContentBlock; run_id?: string }
  | { event: "usage"; usage: UsageInfo; run_id?: string }
  | {
      event: "message-finish";
      reason?: string;
      usage?: UsageInfo;
      responseMetadata?: Record<string, unknown>;
      run_id?: string;
    }
  | { event: "error"; message: string; code?: string; run_id?: string };

// ---- tools channel ----------------------------------------------------------

export type ToolsEventData =
  | { event: "tool-started"; tool_call_id: string; tool_name: string; input?: unknown }
  | { event: "tool-output-delta"; tool_call_id: string; delta: string }
  | { event: "tool-finished"; tool_call_id: string; output: unknown }
  | { event: "tool-error"; tool_call_id: string; message: string; code?: string };

// ---- lifecycle channel ------------------------------------------------------

export type LifecycleStatus = "started" | "running" | "completed" | "failed" | "interrupted";

/** The statuses that end a run (or a scope's part of it). */
export type TerminalLifecycleStatus = "completed" | "failed" | "interrupted";

const TERMINAL_LIFECYCLE: ReadonlySet<unknown> = new Set<TerminalLifecycleStatus>(["completed", "failed", "interrupted"]);

/**
 * Whether a lifecycle `event` value ends its run or scope.
 *
 * @example
 * if (isTerminalLifecycleStatus(data.event)) settle(data.event);
 */
export function isTerminalLifecycleStatus(status: unknown): status is TerminalLifecycleStatus {
  return TERMINAL_LIFECYCLE.has(status);
}

export type LifecycleCause =
  | { type: "toolCall"; tool_call_id: string }
  | { type: "send"; from_node: string }
  | { type: "edge"; from_node: string }
  | { type: string; [key: string]: unknown };

export interface LifecycleEventData {
  event: LifecycleStatus | (string & {});
  graph_name?: string;
  cause?: LifecycleCause;
  error?: string;
  checkpoint?: { id: string; ns?: string };
}

// ---- input channel ----------------------------------------------------------

export interface InputRequestedData {
  interrupt_id: string;
  payload: unknown;
}

// ---- custom channel ---------------------------------------------------------

export interface CustomEventData {
  name?: string;
  payload?: unknown;
  [key: string]: unknown;
}

// ---- checkpoints channel ----------------------------------------------------

export interface CheckpointEventData {
  id: string;
  parent_id?: string;
  step?: number;
  source?: "input" | "loop" | "update" | "fork" | (string & {});
}
