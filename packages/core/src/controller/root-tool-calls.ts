/**
 * Root tool calls: `tools` events of the root graph and its depth-1 tool namespaces.
 */
import { AIMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { ToolCallAssembler } from "../assembly/tool-call-assembler";
import { unwrapToolOutput } from "../assembly/tool-output";
import type { AssembledToolCall } from "../assembly/types";
import type { ProtocolEvent } from "../protocol/types";
import type { ToolCallSnapshot } from "./types";

const EMPTY_TOOL_CALLS: readonly ToolCallSnapshot[] = Object.freeze([]);

function snapshotOf(call: AssembledToolCall): ToolCallSnapshot {
  return Object.freeze({
    id: call.id,
    name: call.name,
    namespace: call.namespace,
    input: call.input,
    status: call.status,
    outputDelta: call.outputDelta,
    output: call.output,
    error: call.error,
  });
}

/**
 * Tool calls rebuilt from a stored conversation: each call an AI message requested, finished (or
 * failed) when a tool message answers it, still `running` otherwise (for example awaiting approval).
 *
 * @example
 * toolCalls.seed(toolCallsFromMessages(conversation.currentMessages()));
 */
export function toolCallsFromMessages(messages: readonly BaseMessage[]): ToolCallSnapshot[] {
  const results = new Map<string, ToolMessage>();
  for (const message of messages) {
    if (ToolMessage.isInstance(message)) results.set(message.tool_call_id, message);
  }
  const calls: ToolCallSnapshot[] = [];
  for (const message of messages) {
    if (!AIMessage.isInstance(message)) continue;
    for (const request of message.tool_calls ?? []) {
      if (typeof request.id !== "string") continue;
      const result = results.get(request.id);
      const failed = result?.status === "error";
      calls.push(
        Object.freeze({
          id: request.id,
          name: request.name,
          namespace: [],
          input: request.args,
          status: result === undefined ? "running" : failed ? "error" : "finished",
          outputDelta: "",
          output: result === undefined || failed ? undefined : unwrapToolOutput(result.content, request.id),
          error: failed ? { message: typeof result.content === "string" ? result.content : JSON.stringify(result.content) } : undefined,
        }),
      );
    }
  }
  return calls;
}

/**
 * Assembles root tool calls; like the conversation, it converts only touched calls and copies the
 * array at most once per flush.
 *
 * @example
 * const tools = new RootToolCalls(markDirty);
 * tools.handleToolEvent(event);
 * const toolCalls = tools.flush();
 */
export class RootToolCalls {
  #assembler = new ToolCallAssembler();
  #published: readonly ToolCallSnapshot[] = EMPTY_TOOL_CALLS;
  #indexById = new Map<string, number>();
  readonly #dirty = new Set<AssembledToolCall>();
  readonly #onChange: () => void;

  constructor(onChange: () => void) {
    this.#onChange = onChange;
  }

  /** Applies one `tools` event. */
  handleToolEvent(event: ProtocolEvent): void {
    const call = this.#assembler.consume(event);
    if (call === undefined) return;
    this.#dirty.add(call);
    this.#onChange();
  }

  /** Publishes pending changes; the previous array when nothing changed. */
  flush(): readonly ToolCallSnapshot[] {
    if (this.#dirty.size === 0) return this.#published;
    const next = this.#published.slice();
    for (const call of this.#dirty) {
      const index = this.#indexById.get(call.id);
      if (index === undefined) {
        this.#indexById.set(call.id, next.length);
        next.push(snapshotOf(call));
      } else {
        next[index] = snapshotOf(call);
      }
    }
    this.#dirty.clear();
    this.#published = next;
    return next;
  }

  /** Replaces every call with `calls` (loaded from stored state); later events update them by id. */
  seed(calls: readonly ToolCallSnapshot[]): void {
    this.reset();
    if (calls.length === 0) return;
    this.#published = calls;
    calls.forEach((call, index) => this.#indexById.set(call.id, index));
    this.#onChange();
  }

  /** Forgets every call (thread switch). */
  reset(): void {
    this.#assembler = new ToolCallAssembler();
    this.#published = EMPTY_TOOL_CALLS;
    this.#indexById = new Map();
    this.#dirty.clear();
  }
}
