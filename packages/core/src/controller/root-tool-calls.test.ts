import { AIMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import type { ProtocolEvent } from "../protocol/types";
import { RootToolCalls, toolCallsFromMessages } from "./root-tool-calls";

const tools = (data: Record<string, unknown>): ProtocolEvent => ({
  type: "event",
  method: "tools",
  params: { namespace: ["tools:1"], timestamp: 0, data },
});

describe("root tool calls", () => {
  it("publishes frozen snapshots without the assembler's internals, one array per flush", () => {
    const calls = new RootToolCalls(() => undefined);
    calls.handleToolEvent(tools({ event: "tool-started", tool_call_id: "c1", tool_name: "search", input: '{"q":"x"}' }));
    const started = calls.flush();
    expect(started).toHaveLength(1);
    expect(Object.isFrozen(started[0])).toBe(true);
    expect(Object.keys(started[0]!).sort()).toEqual(["error", "id", "input", "name", "namespace", "output", "outputDelta", "status"]);
    expect(calls.flush()).toBe(started);
    calls.handleToolEvent(tools({ event: "tool-finished", tool_call_id: "c1", output: '{"hits":2}' }));
    const finished = calls.flush();
    expect(finished).not.toBe(started);
    expect(finished[0]).toMatchObject({ status: "finished", output: { hits: 2 } });
    expect(started[0]!.status).toBe("running");
  });

  it("rebuilds calls from stored messages: answered ones finished or failed, the rest running", () => {
    const rebuilt = toolCallsFromMessages([
      new HumanMessage("go"),
      new AIMessage({
        content: "",
        tool_calls: [
          { id: "ok", name: "weather", args: { city: "Paris" } },
          { id: "bad", name: "calc", args: {} },
          { id: "waiting", name: "send", args: {} },
        ],
      }),
      new ToolMessage({ tool_call_id: "ok", content: '{"temp":21}' }),
      new ToolMessage({ tool_call_id: "bad", content: "division by zero", status: "error" }),
    ]);
    expect(rebuilt.map((call) => [call.id, call.status])).toEqual([
      ["ok", "finished"],
      ["bad", "error"],
      ["waiting", "running"],
    ]);
    expect(rebuilt[0]).toMatchObject({ name: "weather", input: { city: "Paris" }, output: { temp: 21 } });
    expect(rebuilt[1]!.error).toEqual({ message: "division by zero" });
  });

  it("streamed events update a seeded call in place", () => {
    const calls = new RootToolCalls(() => undefined);
    calls.seed(toolCallsFromMessages([new AIMessage({ content: "", tool_calls: [{ id: "c1", name: "send", args: {} }] })]));
    calls.handleToolEvent(tools({ event: "tool-started", tool_call_id: "c1", tool_name: "send", input: {} }));
    calls.handleToolEvent(tools({ event: "tool-finished", tool_call_id: "c1", output: "sent" }));
    const published = calls.flush();
    expect(published.map((call) => [call.id, call.status, call.output])).toEqual([["c1", "finished", "sent"]]);
  });
});
