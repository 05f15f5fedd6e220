/**
 * Root tool calls: `tools` events of the root graph and its depth-1 tool namespaces.
 */
import { ToolCallAssembler } from "../assembly/tool-call-assembler";
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

  /** Forgets every call (thread switch). */
  reset(): void {
    this.#assembler = new ToolCallAssembler();
    this.#published = EMPTY_TOOL_CALLS;
    this.#indexById = new Map();
    this.#dirty.clear();
  }
}
