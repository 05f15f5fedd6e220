/**
 * Turns submit input into what is sent and what is shown at once.
 */
import { isBaseMessage, type BaseMessage } from "@langchain/core/messages";
import { v7 as uuidv7 } from "uuid";
import { messageFromInput } from "../assembly/values-messages";

/** Submit input split into the dispatched payload and the optimistic view. */
export interface PreparedInput {
  /** Sent as the run input: messages as plain dicts with ids. */
  readonly dispatchInput: unknown;
  /** Instances to show before the server echoes them (same ids as dispatched). */
  readonly messages: readonly BaseMessage[];
  /** Other input keys, merged into `values` optimistically. */
  readonly extraValues: Record<string, unknown>;
}

/**
 * A message as the plain dict the server's `add_messages` reducer coerces (`type` plus fields).
 *
 * @example
 * toMessageDict(new HumanMessage({ content: "hi", id: "1" })); // { type: "human", content: "hi", id: "1", ... }
 */
export function toMessageDict(message: BaseMessage): Record<string, unknown> {
  return { ...(message.toDict().data as unknown as Record<string, unknown>), type: message.getType() };
}

function listOf(value: unknown): unknown[] {
  if (typeof value === "string" || isBaseMessage(value)) return [value];
  if (Array.isArray(value)) return value;
  if (typeof value === "object" && value !== null) return [value];
  return [];
}

/** A copy with an id (minted when missing); the caller's instance is never mutated. */
function withId(entry: unknown): { dict: Record<string, unknown>; message: BaseMessage } {
  const source = messageFromInput(entry);
  const dict = toMessageDict(source);
  if (typeof dict.id !== "string" || dict.id.length === 0) dict.id = uuidv7();
  return { dict, message: dict.id === source.id ? source : messageFromInput(dict) };
}

/**
 * Prepares submit input: `input[messagesKey]` may be a string, a message (instance or dict) or a
 * list of them; each gets an id so the server's echo can replace the optimistic copy.
 *
 * @example
 * const prepared = prepareSubmitInput({ messages: "hi" }, "messages");
 * prepared.messages[0]; // HumanMessage with a minted id
 */
export function prepareSubmitInput(input: unknown, messagesKey: string): PreparedInput {
  if (typeof input !== "object" || input === null || Array.isArray(input) || isBaseMessage(input)) {
    return { dispatchInput: input ?? null, messages: [], extraValues: {} };
  }
  const record = input as Record<string, unknown>;
  const extraValues: Record<string, unknown> = {};
  for (const key of Object.keys(record)) if (key !== messagesKey) extraValues[key] = record[key];
  if (!(messagesKey in record) || record[messagesKey] === undefined) {
    return { dispatchInput: record, messages: [], extraValues };
  }
  const prepared = listOf(record[messagesKey]).map(withId);
  return {
    dispatchInput: { ...record, [messagesKey]: prepared.map((entry) => entry.dict) },
    messages: prepared.map((entry) => entry.message),
    extraValues,
  };
}
