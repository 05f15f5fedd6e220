/**
 * Reading `task` tool calls and their results out of wire payloads and stored messages.
 */
import { isRecord, tryParseJson } from "../assembly/json";
import { unwrapToolOutput } from "../assembly/tool-output";

/**
 * Name of the tool that starts a subagent.
 *
 * @example
 * if (data.tool_name === TASK_TOOL_NAME) startSubagent(data);
 */
export const TASK_TOOL_NAME = "task";

/** The arguments of a `task` call. */
export interface TaskInput {
  readonly description: string | undefined;
  readonly subagentType: string | undefined;
  readonly args: Readonly<Record<string, unknown>>;
}

/**
 * Parses a `task` call's input: an object, JSON text, or (tolerated) plain text taken as the
 * description.
 *
 * @example
 * readTaskInput('{"description":"Research X","subagent_type":"researcher"}').subagentType; // "researcher"
 */
export function readTaskInput(input: unknown): TaskInput {
  const parsed = typeof input === "string" ? (tryParseJson(input) ?? { description: input }) : input;
  const args = isRecord(parsed) ? parsed : {};
  return {
    description: typeof args.description === "string" ? args.description : undefined,
    subagentType: typeof args.subagent_type === "string" ? args.subagent_type : undefined,
    args,
  };
}

/** A `task` call found in a message. */
export interface FoundTaskCall {
  readonly id: string;
  readonly input: TaskInput;
}

/** A tool result found in a message. */
export interface FoundToolResult {
  readonly toolCallId: string;
  readonly failed: boolean;
  readonly output: unknown;
}

/**
 * The message fields of a plain dict, a serialized LangChain message (`kwargs`) or an instance (`lc_kwargs`).
 *
 * @example
 * messageFields({ lc: 1, type: "constructor", id: ["AIMessage"], kwargs: { content: "hi" } }); // { content: "hi", type: "ai" }
 */
export function messageFields(message: unknown): Record<string, unknown> | undefined {
  if (!isRecord(message)) return undefined;
  if (message.lc === 1 && isRecord(message.kwargs)) return { ...message.kwargs, type: serializedType(message) };
  if (isRecord(message.lc_kwargs)) return { ...message.lc_kwargs, type: instanceType(message) };
  return message;
}

/** The type of a `BaseMessage` instance (`"ai"`, `"tool"`, ...). */
function instanceType(message: Record<string, unknown>): unknown {
  if (typeof message.type === "string") return message.type;
  const getType = message._getType;
  return typeof getType === "function" ? (getType as () => unknown).call(message) : undefined;
}

function serializedType(message: Record<string, unknown>): string | undefined {
  const id = message.id;
  const className = Array.isArray(id) ? id[id.length - 1] : undefined;
  if (className === "AIMessage" || className === "AIMessageChunk") return "ai";
  if (className === "ToolMessage") return "tool";
  if (className === "HumanMessage") return "human";
  return undefined;
}

function toolCallsOf(fields: Record<string, unknown>): Record<string, unknown>[] {
  const listed = Array.isArray(fields.tool_calls) ? fields.tool_calls.filter(isRecord) : [];
  if (listed.length > 0) return listed;
  for (const key of ["content", "content_blocks"]) {
    const blocks = fields[key];
    if (!Array.isArray(blocks)) continue;
    const calls = blocks.filter((block) => isRecord(block) && block.type === "tool_call") as Record<string, unknown>[];
    if (calls.length > 0) return calls;
  }
  return [];
}

/**
 * The `task` calls of one message (plain dict, serialized message or `BaseMessage`; tool calls
 * listed in `tool_calls` or as `tool_call` content blocks, arguments as object or JSON text).
 *
 * @example
 * taskCallsOf({ type: "ai", tool_calls: [{ id: "c1", name: "task", args: { description: "X" } }] });
 */
export function taskCallsOf(message: unknown): FoundTaskCall[] {
  const fields = messageFields(message);
  if (fields === undefined) return [];
  const found: FoundTaskCall[] = [];
  for (const call of toolCallsOf(fields)) {
    if (call.name !== TASK_TOOL_NAME || typeof call.id !== "string") continue;
    found.push({ id: call.id, input: readTaskInput(call.args ?? call.input) });
  }
  return found;
}

/**
 * The tool result a message carries, if it is a ToolMessage.
 *
 * @example
 * toolResultOf({ type: "tool", tool_call_id: "c1", content: "done" }); // { toolCallId: "c1", output: "done", failed: false }
 */
export function toolResultOf(message: unknown): FoundToolResult | undefined {
  const fields = messageFields(message);
  if (fields === undefined || typeof fields.tool_call_id !== "string" || fields.type !== "tool") return undefined;
  return {
    toolCallId: fields.tool_call_id,
    failed: fields.status === "error",
    output: unwrapToolOutput({ ...fields, type: "tool" }, fields.tool_call_id),
  };
}

/**
 * The string content of the first human message of a list (a subagent's task text).
 *
 * @example
 * firstHumanText([{ type: "human", content: "Research X" }]); // "Research X"
 */
export function firstHumanText(messages: readonly unknown[]): string | undefined {
  for (const message of messages) {
    const fields = messageFields(message);
    if (fields === undefined) continue;
    if (fields.type !== "human" && fields.type !== "user") continue;
    return typeof fields.content === "string" ? fields.content : undefined;
  }
  return undefined;
}

/**
 * A time from an event timestamp (ms epoch) or an ISO string; `fallback` when missing or invalid.
 *
 * @example
 * timeOf(event.params.timestamp, new Date());
 */
export function timeOf(value: unknown, fallback: () => Date = () => new Date()): Date {
  const time = typeof value === "number" || typeof value === "string" ? new Date(value) : undefined;
  return time !== undefined && Number.isFinite(time.getTime()) ? time : fallback();
}
