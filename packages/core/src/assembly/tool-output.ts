/**
 * Unwraps what a tool returned from the envelopes the server forwards: JSON text,
 * ToolMessage dicts (plain, serialized or class instances) and LangGraph `Command`s.
 */
import { isRecord, parseJsonLooking } from "./json";

/** The ToolMessage fields of `value` (itself, or its `kwargs` / `lc_kwargs`), if it is one. */
function toolMessageFields(value: Record<string, unknown>): Record<string, unknown> | undefined {
  for (const candidate of [value, value.kwargs, value.lc_kwargs]) {
    if (!isRecord(candidate) || !("content" in candidate)) continue;
    if (candidate.type === "tool" || "tool_call_id" in candidate) return candidate;
  }
  const id = value.id;
  const isSerializedToolMessage =
    value.type === "constructor" && Array.isArray(id) && id[id.length - 1] === "ToolMessage";
  return isSerializedToolMessage && isRecord(value.kwargs) ? value.kwargs : undefined;
}

/** Tool message content → output: text blocks joined, JSON text parsed, empty → `null`. */
function unwrapContent(content: unknown): unknown {
  if (typeof content === "string") return content === "" ? null : parseJsonLooking(content);
  if (!Array.isArray(content)) return content ?? null;
  let text = "";
  for (const block of content) {
    if (typeof block === "string") text += block;
    else if (isRecord(block) && block.type === "text" && typeof block.text === "string") text += block.text;
    // Non-text blocks (images, files) cannot be flattened: keep the blocks.
    else return content;
  }
  return text === "" ? null : parseJsonLooking(text);
}

function isCommand(value: Record<string, unknown>): boolean {
  return value.lg_name === "Command" || (isRecord(value.kwargs) && value.kwargs.lg_name === "Command");
}

/** The ToolMessage for `toolCallId` inside a Command's `update.messages`. */
function commandToolMessage(
  value: Record<string, unknown>,
  toolCallId: string,
): Record<string, unknown> | undefined {
  const update = value.update ?? (isRecord(value.kwargs) ? value.kwargs.update : undefined);
  const messages = isRecord(update) ? update.messages : undefined;
  if (!Array.isArray(messages)) return undefined;
  for (const message of messages) {
    const fields = isRecord(message) ? toolMessageFields(message) : undefined;
    if (fields?.tool_call_id === toolCallId) return fields;
  }
  return undefined;
}

/**
 * The user-facing output of a tool call.
 *
 * @example
 * unwrapToolOutput({ type: "tool", tool_call_id: "c1", content: '{"value":3}' }, "c1"); // { value: 3 }
 */
export function unwrapToolOutput(output: unknown, toolCallId: string): unknown {
  if (typeof output === "string") return parseJsonLooking(output);
  if (!isRecord(output)) return output;
  if (isCommand(output)) {
    const message = commandToolMessage(output, toolCallId);
    return message === undefined ? output : unwrapContent(message.content);
  }
  const fields = toolMessageFields(output);
  return fields === undefined ? output : unwrapContent(fields.content);
}

/**
 * Tool input: JSON text parsed, anything else as-is.
 *
 * @example
 * unwrapToolInput('{"city":"Paris"}'); // { city: "Paris" }
 */
export function unwrapToolInput(input: unknown): unknown {
  return typeof input === "string" ? parseJsonLooking(input) : input;
}
