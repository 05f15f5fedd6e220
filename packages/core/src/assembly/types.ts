/**
 * Objects the assemblers build from protocol events. They are live: an assembler mutates
 * them in place and bumps `version` on every change, so a store can detect changes in O(1).
 */
import type { BaseMessage } from "@langchain/core/messages";
import type { ContentBlock, MessageRole, Namespace, UsageInfo } from "../protocol/types";

/** Lifecycle of an assembled object. */
export type AssemblyStatus = "streaming" | "complete" | "error";

/** An error reported by the server for a message or a tool call. */
export interface AssemblyErrorInfo {
  message: string;
  code?: string;
}

/** A tool call requested by a model, parsed from the message's content blocks. */
export interface ToolCallRequest {
  id: string | undefined;
  name: string;
  args: Record<string, unknown>;
  type: "tool_call";
}

/**
 * A message assembled from `messages` events. Read `version` to detect changes;
 * call `toBaseMessage()` for an immutable `@langchain/core` message.
 *
 * @example
 * const message = assembler.consume(event);
 * if (message) render(message.text, message.status);
 */
export interface AssembledMessage {
  /** Message id from `message-start`; `undefined` when the start was missed. */
  readonly id: string | undefined;
  readonly namespace: Namespace;
  readonly node: string | undefined;
  readonly role: MessageRole | (string & {});
  readonly toolCallId: string | undefined;
  readonly metadata: Readonly<Record<string, unknown>> | undefined;
  /** Live view of the content blocks in slot order. Do not mutate. */
  readonly blocks: readonly Readonly<ContentBlock>[];
  /** Concatenated text of the text blocks. */
  readonly text: string;
  /** Concatenated reasoning of the reasoning blocks. */
  readonly reasoning: string;
  /** Tool calls found in the blocks, arguments parsed best-effort (partial while streaming). */
  readonly toolCalls: readonly ToolCallRequest[];
  readonly usage: UsageInfo | undefined;
  readonly finishReason: string | undefined;
  readonly responseMetadata: Readonly<Record<string, unknown>> | undefined;
  readonly error: AssemblyErrorInfo | undefined;
  readonly status: AssemblyStatus;
  /** Increments on every change. */
  readonly version: number;
  /** The message as a `@langchain/core` instance; the same instance until `version` changes. */
  toBaseMessage(): BaseMessage;
}

/** Status of a tool execution. */
export type ToolCallStatus = "running" | "finished" | "error";

/**
 * A tool execution assembled from `tools` events.
 *
 * @example
 * const call = toolAssembler.consume(event);
 * if (call?.status === "finished") show(call.output);
 */
export interface AssembledToolCall {
  /** The `tool_call_id`. */
  readonly id: string;
  readonly name: string;
  readonly namespace: Namespace;
  /** Tool input, JSON-parsed when it arrived as JSON text. */
  readonly input: unknown;
  readonly status: ToolCallStatus;
  /** Streamed output text so far (`tool-output-delta`); not the final output. */
  readonly outputDelta: string;
  /** Final output, unwrapped from ToolMessage / Command envelopes; `undefined` until finished. */
  readonly output: unknown;
  readonly error: AssemblyErrorInfo | undefined;
  readonly version: number;
}
