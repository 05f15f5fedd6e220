/**
 * Turns `tools` events into live {@link AssembledToolCall}s.
 */
import type { Namespace, ProtocolEvent } from "../protocol/types";
import { isRecord } from "./json";
import { unwrapToolInput, unwrapToolOutput } from "./tool-output";
import type { AssembledToolCall, AssemblyErrorInfo, ToolCallStatus } from "./types";

class ToolCallState implements AssembledToolCall {
  readonly id: string;
  readonly name: string;
  readonly namespace: Namespace;
  readonly input: unknown;
  status: ToolCallStatus = "running";
  outputDelta = "";
  output: unknown = undefined;
  error: AssemblyErrorInfo | undefined = undefined;
  version = 0;

  constructor(id: string, name: string, namespace: Namespace, input: unknown) {
    this.id = id;
    this.name = name;
    this.namespace = namespace;
    this.input = input;
  }
}

/**
 * Assembles tool executions from `tools` events. Pure and synchronous. Duplicate events
 * are idempotent; finish and error events for unknown ids are ignored.
 *
 * @example
 * const tools = new ToolCallAssembler();
 * const call = tools.consume(event);
 * if (call?.status === "finished") console.log(call.name, call.output);
 */
export class ToolCallAssembler {
  readonly #calls = new Map<string, ToolCallState>();

  /** Applies one event; returns the call it changed, or `undefined` when ignored. */
  consume(event: ProtocolEvent): AssembledToolCall | undefined {
    if (event.method !== "tools") return undefined;
    const data: unknown = event.params?.data;
    if (!isRecord(data) || typeof data.tool_call_id !== "string") return undefined;
    const id = data.tool_call_id;
    const existing = this.#calls.get(id);
    if (data.event === "tool-started") {
      if (existing !== undefined) return undefined;
      const namespace = Array.isArray(event.params.namespace) ? event.params.namespace : [];
      const name = typeof data.tool_name === "string" ? data.tool_name : "";
      const call = new ToolCallState(id, name, namespace, unwrapToolInput(data.input));
      this.#calls.set(id, call);
      return call;
    }
    if (existing === undefined || existing.status !== "running") return undefined;
    switch (data.event) {
      case "tool-output-delta":
        if (typeof data.delta !== "string") return undefined;
        existing.outputDelta += data.delta;
        break;
      case "tool-finished":
        existing.output = unwrapToolOutput(data.output, id);
        existing.status = "finished";
        break;
      case "tool-error": {
        const message = typeof data.message === "string" ? data.message : "Tool failed";
        existing.error = typeof data.code === "string" ? { message, code: data.code } : { message };
        existing.status = "error";
        break;
      }
      default:
        return undefined;
    }
    existing.version += 1;
    return existing;
  }

  /** The call with this `tool_call_id`, if seen. */
  get(id: string): AssembledToolCall | undefined {
    return this.#calls.get(id);
  }

  /** Forgets every call. */
  reset(): void {
    this.#calls.clear();
  }
}
