import { ToolMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { ToolCallAssembler } from "./tool-call-assembler";
import { unwrapToolOutput } from "./tool-output";
import { protocolEvent, toolsEvent } from "./test-support/events";
import { finalValuesMessages, loadTranscriptEvents } from "./test-support/transcripts";

const TOOLS = { namespace: ["tools:1"] };

/** A `tools` event of `kind` for `toolCallId`. */
function tool(kind: string, toolCallId: string, fields: Record<string, unknown> = {}) {
  return toolsEvent({ event: `tool-${kind}`, tool_call_id: toolCallId, ...fields }, TOOLS);
}

function started(assembler: ToolCallAssembler, id = "call-1", input: unknown = '{"city":"Paris"}') {
  return assembler.consume(tool("started", id, { tool_name: "get_weather", input }));
}

describe("ToolCallAssembler on recorded transcripts", () => {
  const transcripts = ["raw-sse", "raw-ws", "sdk-sse", "controller-sse"].map((mode) => `create_agent.${mode}`);
  it.each(transcripts)(
    "parses the input and unwraps the output to the tool message content (%s)",
    (name) => {
      const events = loadTranscriptEvents(name);
      const assembler = new ToolCallAssembler();
      for (const event of events) assembler.consume(event);
      const call = assembler.get("call-weather-1");
      expect(call?.status).toBe("finished");
      expect(call?.name).toBe("get_weather");
      expect(call?.namespace[0]).toMatch(/^tools:/);
      expect(call?.input).toEqual({ city: "San Francisco" });
      const toolMessage = finalValuesMessages(events).find(
        (message) => (message as { type?: string }).type === "tool",
      ) as { content: string };
      expect(call?.output).toEqual(JSON.parse(toolMessage.content));
    },
  );
});

describe("ToolCallAssembler", () => {
  it("accumulates output deltas without treating them as the final output", () => {
    const assembler = new ToolCallAssembler();
    const call = started(assembler);
    assembler.consume(tool("output-delta", "call-1", { delta: "Sunny" }));
    assembler.consume(tool("output-delta", "call-1", { delta: ", 21C" }));
    expect(call?.status).toBe("running");
    expect(call?.outputDelta).toBe("Sunny, 21C");
    expect(call?.output).toBeUndefined();
    assembler.consume(tool("finished", "call-1", { output: "Sunny, 21C" }));
    expect(call?.status).toBe("finished");
    expect(call?.output).toBe("Sunny, 21C");
  });

  it("records tool errors with their code", () => {
    const assembler = new ToolCallAssembler();
    const call = started(assembler);
    assembler.consume(tool("error", "call-1", { message: "city not found", code: "not_found" }));
    expect(call?.status).toBe("error");
    expect(call?.error).toEqual({ message: "city not found", code: "not_found" });
  });

  it("ignores finish and error events for unknown ids", () => {
    const assembler = new ToolCallAssembler();
    expect(assembler.consume(tool("finished", "ghost", { output: 1 }))).toBeUndefined();
    expect(assembler.consume(tool("error", "ghost", { message: "x" }))).toBeUndefined();
    expect(assembler.get("ghost")).toBeUndefined();
  });

  it("treats duplicate events as no-ops", () => {
    const assembler = new ToolCallAssembler();
    const call = started(assembler);
    expect(started(assembler, "call-1", '{"city":"Rome"}')).toBeUndefined();
    assembler.consume(tool("finished", "call-1", { output: '{"temp":1}' }));
    const version = call?.version;
    expect(assembler.consume(tool("finished", "call-1", { output: '{"temp":2}' }))).toBeUndefined();
    expect(assembler.consume(tool("error", "call-1", { message: "late" }))).toBeUndefined();
    expect(call?.version).toBe(version);
    expect(call?.input).toEqual({ city: "Paris" });
    expect(call?.output).toEqual({ temp: 1 });
    expect(call?.status).toBe("finished");
  });

  it("ignores other channels and unknown tool events", () => {
    const assembler = new ToolCallAssembler();
    started(assembler);
    const wrongChannel = protocolEvent("messages", { event: "tool-started", tool_call_id: "x" });
    expect(assembler.consume(wrongChannel)).toBeUndefined();
    expect(assembler.consume(tool("paused", "call-1"))).toBeUndefined();
  });

  it("keeps non-JSON and malformed JSON strings as text", () => {
    const assembler = new ToolCallAssembler();
    expect(started(assembler, "a", "plain words")?.input).toBe("plain words");
    expect(started(assembler, "b", '{"broken":')?.input).toBe('{"broken":');
    expect(started(assembler, "c", { already: "object" })?.input).toEqual({ already: "object" });
  });

  it("forgets calls on reset", () => {
    const assembler = new ToolCallAssembler();
    started(assembler);
    assembler.reset();
    expect(assembler.get("call-1")).toBeUndefined();
  });
});

describe("unwrapToolOutput", () => {
  it("unwraps serialized ToolMessages and joins text blocks", () => {
    const serialized = {
      lc: 1,
      type: "constructor",
      id: ["langchain_core", "messages", "ToolMessage"],
      kwargs: { content: [{ type: "text", text: '{"a"' }, { type: "text", text: ":1}" }], tool_call_id: "c1" },
    };
    expect(unwrapToolOutput(serialized, "c1")).toEqual({ a: 1 });
  });

  it("unwraps ToolMessage instances and lc_kwargs", () => {
    expect(unwrapToolOutput(new ToolMessage({ content: "done", tool_call_id: "c1" }), "c1")).toBe("done");
    expect(unwrapToolOutput({ lc_kwargs: { content: "[1,2]", tool_call_id: "c1" } }, "c1")).toEqual([1, 2]);
  });

  it("turns empty tool message content into null", () => {
    expect(unwrapToolOutput({ type: "tool", content: "", tool_call_id: "c1" }, "c1")).toBeNull();
    expect(unwrapToolOutput({ type: "tool", content: [], tool_call_id: "c1" }, "c1")).toBeNull();
  });

  it("keeps content with non-text blocks as blocks", () => {
    const content = [{ type: "text", text: "see" }, { type: "image", url: "https://example.com/a.png" }];
    expect(unwrapToolOutput({ type: "tool", content, tool_call_id: "c1" }, "c1")).toEqual(content);
  });

  it("unwraps a Command to the tool message matching the call id", () => {
    const command = {
      lg_name: "Command",
      update: {
        messages: [
          { type: "tool", tool_call_id: "other", content: "not this" },
          { type: "tool", tool_call_id: "c1", content: '{"handoff":true}' },
        ],
        route: "next",
      },
    };
    expect(unwrapToolOutput(command, "c1")).toEqual({ handoff: true });
    expect(unwrapToolOutput(command, "missing")).toBe(command);
  });

  it("leaves ordinary objects and numbers alone", () => {
    const value = { temperature: 20 };
    expect(unwrapToolOutput(value, "c1")).toBe(value);
    expect(unwrapToolOutput(42, "c1")).toBe(42);
  });
});
