/**
 * Converts an assembled message to a `@langchain/core` message instance.
 */
import {
  AIMessage,
  AIMessageChunk,
  ChatMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
  type BaseMessage,
} from "@langchain/core/messages";
import type { ContentBlock, UsageInfo } from "../protocol/types";
import { isToolCallBlockType, toToolCallRequest, toolCallArgumentText } from "./content-blocks";
import type { BlockSlot, MessageState } from "./message-state";
import type { ToolCallRequest } from "./types";

/** The `usage_metadata` shape of `@langchain/core` (token counts default to 0). */
export interface UsageMetadata {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  input_token_details?: Record<string, number>;
  output_token_details?: Record<string, number>;
}

function definedNumbers(
  details: Record<string, number | undefined> | undefined,
): Record<string, number> | undefined {
  if (details === undefined) return undefined;
  const result: Record<string, number> = {};
  for (const [key, value] of Object.entries(details)) if (typeof value === "number") result[key] = value;
  return result;
}

/** Wire usage → `usage_metadata`, or `undefined` when there is none. */
function toUsageMetadata(usage: UsageInfo | undefined): UsageMetadata | undefined {
  if (usage === undefined) return undefined;
  const input = usage.input_tokens ?? 0;
  const output = usage.output_tokens ?? 0;
  const metadata: UsageMetadata = {
    input_tokens: input,
    output_tokens: output,
    total_tokens: usage.total_tokens ?? input + output,
  };
  const inputDetails = definedNumbers(usage.input_token_details);
  const outputDetails = definedNumbers(usage.output_token_details);
  if (inputDetails) metadata.input_token_details = inputDetails;
  if (outputDetails) metadata.output_token_details = outputDetails;
  return metadata;
}

interface ToolCallChunk {
  type: "tool_call_chunk";
  id: string | undefined;
  name: string | undefined;
  args: string;
  index: number;
}

/** A tool-call block still receiving arguments. */
function isOpenToolCall(entry: BlockSlot, message: MessageState): boolean {
  return message.status === "streaming" && !entry.finished && isToolCallBlockType(entry.block.type);
}

function toChunk(block: ContentBlock, position: number): ToolCallChunk {
  return {
    type: "tool_call_chunk",
    id: typeof block.id === "string" ? block.id : undefined,
    name: typeof block.name === "string" ? block.name : undefined,
    args: toolCallArgumentText(block),
    index: position,
  };
}

/**
 * AI content as v1 blocks: finished tool-call blocks (including provider-native
 * `tool_use` / `input_json_delta`) become parsed `tool_call` blocks, open ones
 * `tool_call_chunk` blocks; every block is a shallow copy.
 */
function aiContent(message: MessageState): {
  content: ContentBlock[];
  toolCalls: ToolCallRequest[];
  chunks: ToolCallChunk[];
} {
  const content: ContentBlock[] = [];
  const toolCalls: ToolCallRequest[] = [];
  const chunks: ToolCallChunk[] = [];
  message.entries.forEach((entry, position) => {
    const block = entry.block;
    if (!isToolCallBlockType(block.type)) {
      content.push({ ...block });
    } else if (isOpenToolCall(entry, message)) {
      const chunk = toChunk(block, position);
      chunks.push(chunk);
      content.push({ ...chunk });
    } else {
      const call = toToolCallRequest(block);
      toolCalls.push(call);
      content.push({ type: "tool_call", id: call.id, name: call.name, args: call.args });
    }
  });
  return { content, toolCalls, chunks };
}

function buildAiMessage(message: MessageState): BaseMessage {
  const { content, toolCalls, chunks } = aiContent(message);
  const responseMetadata: Record<string, unknown> = { ...message.responseMetadata, output_version: "v1" };
  if (message.finishReason !== undefined) responseMetadata.finish_reason = message.finishReason;
  const fields = {
    id: message.id,
    content: content as never,
    usage_metadata: toUsageMetadata(message.usage),
    response_metadata: responseMetadata,
  };
  if (chunks.length > 0) {
    // A plain AIMessage would drop unfinished calls; the chunk keeps them as tool_call_chunks.
    return new AIMessageChunk({ ...fields, tool_call_chunks: chunks });
  }
  return new AIMessage({ ...fields, tool_calls: toolCalls });
}

/**
 * Builds the `@langchain/core` message for an assembled message: `AIMessage` (or
 * `AIMessageChunk` while tool-call chunks are open) with block content; `HumanMessage`,
 * `SystemMessage`, `ToolMessage` (with `tool_call_id`) or `ChatMessage` with text content.
 */
export function buildBaseMessage(message: MessageState): BaseMessage {
  switch (message.role) {
    case "ai":
      return buildAiMessage(message);
    case "human":
      return new HumanMessage({ id: message.id, content: message.text });
    case "system":
      return new SystemMessage({ id: message.id, content: message.text });
    case "tool":
      return new ToolMessage({
        id: message.id,
        content: message.text,
        tool_call_id: message.toolCallId ?? "",
      });
    default:
      return new ChatMessage({ id: message.id, content: message.text, role: message.role });
  }
}
