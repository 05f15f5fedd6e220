/**
 * Converts messages found in `values` / `updates` payloads (plain dicts, serialized
 * LangChain objects or instances) into `@langchain/core` message instances.
 */
import {
  AIMessage,
  HumanMessage,
  RemoveMessage,
  SystemMessage,
  ToolMessage,
  coerceMessageLikeToMessage,
  isBaseMessage,
  type BaseMessage,
  type ContentBlock as MessageContentBlock,
  type MessageContent,
  type UsageMetadata,
} from "@langchain/core/messages";
import { isToolCallBlockType, toToolCallRequest } from "./content-blocks";
import { isRecord } from "./json";
import type { ToolCallRequest } from "./types";

type MessageKind = "human" | "ai" | "system" | "tool" | "remove";

const KIND_BY_TYPE: Readonly<Record<string, MessageKind>> = {
  human: "human",
  user: "human",
  ai: "ai",
  assistant: "ai",
  system: "system",
  developer: "system",
  tool: "tool",
  remove: "remove",
};

const KIND_BY_CLASS_NAME: Readonly<Record<string, MessageKind>> = {
  HumanMessage: "human",
  HumanMessageChunk: "human",
  AIMessage: "ai",
  AIMessageChunk: "ai",
  SystemMessage: "system",
  SystemMessageChunk: "system",
  ToolMessage: "tool",
  ToolMessageChunk: "tool",
  RemoveMessage: "remove",
};

/** The fields and kind of a serialized `{lc: 1, type: "constructor", id: [..., "AIMessage"], kwargs}`. */
function readSerialized(
  value: Record<string, unknown>,
): { kind: MessageKind; fields: Record<string, unknown> } | undefined {
  if (value.lc !== 1 || value.type !== "constructor" || !Array.isArray(value.id) || !isRecord(value.kwargs)) {
    return undefined;
  }
  const className: unknown = value.id[value.id.length - 1];
  const kind = typeof className === "string" ? KIND_BY_CLASS_NAME[className] : undefined;
  return kind === undefined ? undefined : { kind, fields: value.kwargs };
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function optionalRecord(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

/**
 * Content as given (block arrays copied: core may append to them);
 * `content_blocks` when `content` is empty.
 */
function readContent(fields: Record<string, unknown>): MessageContent {
  const content = fields.content;
  const isEmpty = content === undefined || content === "" || (Array.isArray(content) && content.length === 0);
  const source = isEmpty && Array.isArray(fields.content_blocks) ? fields.content_blocks : content;
  if (typeof source === "string") return source;
  if (!Array.isArray(source)) return "";
  return source.map((block) =>
    isRecord(block) && typeof block.type === "string"
      ? ({ ...block } as MessageContentBlock)
      : { type: "text", text: typeof block === "string" ? block : JSON.stringify(block) },
  );
}

/** `tool_calls` of an AI dict; recovered from tool-call content blocks when empty. */
function readToolCalls(fields: Record<string, unknown>, content: MessageContent): ToolCallRequest[] {
  const listed = Array.isArray(fields.tool_calls) ? fields.tool_calls.filter(isRecord) : [];
  if (listed.length > 0) return listed.map((call) => toToolCallRequest({ ...call, type: "tool_call" }));
  if (typeof content === "string") return [];
  const recovered: ToolCallRequest[] = [];
  for (const block of content) {
    if (isToolCallBlockType(block.type) && block.type !== "tool_call_chunk") {
      recovered.push(toToolCallRequest(block));
    }
  }
  return recovered;
}

/** A shallow copy of a record field, `{}` when absent (core mutates these objects). */
function copyRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? { ...value } : {};
}

/**
 * Builds the instance. Each constructor gets one object literal: spreading a shared `common`
 * object into it made construction several times slower (a values event converts every new message).
 */
function buildMessage(kind: MessageKind, fields: Record<string, unknown>): BaseMessage {
  const id = optionalString(fields.id);
  if (kind === "remove") return new RemoveMessage({ id: id ?? "" });
  const name = optionalString(fields.name);
  const content = readContent(fields);
  const additionalKwargs = copyRecord(fields.additional_kwargs);
  const responseMetadata = copyRecord(fields.response_metadata);
  switch (kind) {
    case "ai":
      return new AIMessage({
        id,
        name,
        content,
        additional_kwargs: additionalKwargs,
        response_metadata: responseMetadata,
        tool_calls: readToolCalls(fields, content),
        invalid_tool_calls: Array.isArray(fields.invalid_tool_calls) ? fields.invalid_tool_calls : [],
        usage_metadata: optionalRecord(fields.usage_metadata) as UsageMetadata | undefined,
      });
    case "human":
      return new HumanMessage({ id, name, content, additional_kwargs: additionalKwargs, response_metadata: responseMetadata });
    case "system":
      return new SystemMessage({ id, name, content, additional_kwargs: additionalKwargs, response_metadata: responseMetadata });
    case "tool":
      return new ToolMessage({
        id,
        name,
        content,
        additional_kwargs: additionalKwargs,
        response_metadata: responseMetadata,
        tool_call_id: optionalString(fields.tool_call_id) ?? "",
        status: fields.status === "error" ? "error" : fields.status === "success" ? "success" : undefined,
        artifact: fields.artifact,
      });
  }
}

/** Converts one value to a message, or `undefined` when it is not message-like. */
function coerceOne(value: unknown): BaseMessage | undefined {
  if (isBaseMessage(value)) return value;
  if (typeof value === "string") return new HumanMessage(value);
  if (!isRecord(value)) return undefined;
  const serialized = readSerialized(value);
  if (serialized) return buildMessage(serialized.kind, serialized.fields);
  const kind = typeof value.type === "string" ? KIND_BY_TYPE[value.type] : undefined;
  if (kind) return buildMessage(kind, value);
  try {
    // Other shapes (e.g. OpenAI-style `{role, content}`) are left to core's coercion.
    return coerceMessageLikeToMessage(value as never);
  } catch {
    // Not message-like: callers skip it rather than fail the whole snapshot.
    return undefined;
  }
}

/**
 * Converts a `messages` list from a state payload into `@langchain/core` instances,
 * keeping ids, names, tool calls (recovered from content blocks when `tool_calls` is empty),
 * `tool_call_id`, metadata and usage. Entries that are not message-like are skipped.
 *
 * @example
 * const messages = coerceMessages(valuesEvent.params.data.messages);
 * messages[0] instanceof HumanMessage; // true
 */
export function coerceMessages(list: readonly unknown[]): BaseMessage[] {
  const messages: BaseMessage[] = [];
  for (const entry of list) {
    const message = coerceOne(entry);
    if (message !== undefined) messages.push(message);
  }
  return messages;
}

/**
 * One message from user input: a bare string becomes a `HumanMessage`; dicts and
 * instances are converted as in {@link coerceMessages}.
 *
 * @example
 * messageFromInput("What's the weather?"); // HumanMessage
 */
export function messageFromInput(input: unknown): BaseMessage {
  const message = coerceOne(input);
  if (message === undefined) {
    throw new TypeError(
      "messageFromInput expects a string, a BaseMessage, or a message dict with a `type` " +
        "(human, ai, system, tool) or a `role`.",
    );
  }
  return message;
}
