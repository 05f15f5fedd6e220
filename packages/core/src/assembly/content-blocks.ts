/**
 * Content-block helpers shared by the message and media assemblers.
 */
import type { ContentBlock } from "../protocol/types";
import { joinedSourceOf } from "./joined-field";
import { isRecord, toArgumentsObject } from "./json";
import type { ToolCallRequest } from "./types";

const TOOL_CALL_TYPES: ReadonlySet<string> = new Set([
  "tool_call",
  "tool_call_chunk",
  "tool_use",
  "input_json_delta",
]);
const SERVER_TOOL_CALL_TYPES: ReadonlySet<string> = new Set([
  "server_tool_call",
  "server_tool_call_chunk",
]);
const MEDIA_TYPES: ReadonlySet<string> = new Set(["image", "audio", "video", "file"]);

/** Media block kinds. */
export type MediaKind = "image" | "audio" | "video" | "file";

/**
 * The family a block type belongs to: blocks of one family may share a slot
 * (a tool-call chunk becomes a tool call), blocks of different families may not.
 */
export function blockFamily(type: string): string {
  if (TOOL_CALL_TYPES.has(type)) return "tool";
  // Provider-native reasoning (`thinking`) receives the standard `reasoning-delta`s.
  const joined = joinedSourceOf(type);
  if (joined !== undefined) return joined.joined;
  if (SERVER_TOOL_CALL_TYPES.has(type)) return "server_tool";
  return type;
}

/** True for the client-side tool-call block types (standard and provider-native). */
export function isToolCallBlockType(type: string): boolean {
  return TOOL_CALL_TYPES.has(type);
}

/** True for image, audio, video and file blocks. */
export function isMediaKind(type: unknown): type is MediaKind {
  return typeof type === "string" && MEDIA_TYPES.has(type);
}

/** Reads a wire value as a content block (an object with a string `type`). */
export function asContentBlock(value: unknown): ContentBlock | undefined {
  return isRecord(value) && typeof value.type === "string" ? (value as ContentBlock) : undefined;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/**
 * The parsed tool call of a tool-call block: `args` (object, or JSON text that may be
 * partial) wins over provider-native `input`; unparseable arguments become `{}`.
 */
export function toToolCallRequest(block: Readonly<ContentBlock>): ToolCallRequest {
  const args = toArgumentsObject(block.args) ?? toArgumentsObject(block.input) ?? {};
  return {
    id: stringOrUndefined(block.id),
    name: stringOrUndefined(block.name) ?? "",
    args,
    type: "tool_call",
  };
}

/** Raw argument text of a tool-call block, for `tool_call_chunk`s. */
export function toolCallArgumentText(block: Readonly<ContentBlock>): string {
  for (const value of [block.args, block.input]) {
    if (typeof value === "string" && value !== "") return value;
    if (isRecord(value)) return JSON.stringify(value);
  }
  return "";
}
