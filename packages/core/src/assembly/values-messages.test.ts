import { AIMessage, HumanMessage, RemoveMessage, SystemMessage, ToolMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { finalValuesMessages, loadTranscriptEvents } from "./test-support/transcripts";
import { coerceMessages, messageFromInput } from "./values-messages";

describe("coerceMessages", () => {
  it("converts a recorded values snapshot into class instances", () => {
    const messages = coerceMessages(finalValuesMessages(loadTranscriptEvents("create_agent.raw-sse")));
    const classes = messages.map((message) => message.constructor);
    expect(classes).toEqual([HumanMessage, AIMessage, ToolMessage, AIMessage]);
    const [human, call, result, answer] = messages;
    expect(human?.id).toBe("fa6c21d0-21ce-42c6-9a56-954f66329336");
    expect((call as AIMessage).tool_calls).toEqual([
      { id: "call-weather-1", name: "get_weather", args: { city: "San Francisco" }, type: "tool_call" },
    ]);
    expect(call?.name).toBe("model");
    expect((result as ToolMessage).tool_call_id).toBe("call-weather-1");
    expect((result as ToolMessage).status).toBe("success");
    expect(answer?.text).toBe("It's 64F and foggy in San Francisco.");
  });

  it("maps user/assistant/system/remove types", () => {
    const messages = coerceMessages([
      { type: "user", content: "hi" },
      { type: "assistant", content: "hello" },
      { type: "system", content: "be brief" },
      { type: "remove", id: "old" },
    ]);
    expect(messages[0]).toBeInstanceOf(HumanMessage);
    expect(messages[1]).toBeInstanceOf(AIMessage);
    expect(messages[2]).toBeInstanceOf(SystemMessage);
    expect(messages[3]).toBeInstanceOf(RemoveMessage);
    expect(messages[3]?.id).toBe("old");
  });

  it("keeps metadata, usage and additional kwargs", () => {
    const [message] = coerceMessages([
      {
        type: "ai",
        id: "m1",
        content: "done",
        response_metadata: { finish_reason: "stop" },
        usage_metadata: { input_tokens: 3, output_tokens: 2, total_tokens: 5 },
        additional_kwargs: { refusal: null },
      },
    ]);
    expect(message?.response_metadata).toEqual({ finish_reason: "stop" });
    expect((message as AIMessage).usage_metadata).toEqual({
      input_tokens: 3,
      output_tokens: 2,
      total_tokens: 5,
    });
    expect(message?.additional_kwargs).toEqual({ refusal: null });
  });

  it("recovers tool calls from content blocks when tool_calls is empty", () => {
    const [message] = coerceMessages([
      {
        type: "ai",
        id: "m2",
        content: [
          { type: "text", text: "Checking." },
          { type: "tool_use", id: "toolu_1", name: "calculator", input: { expression: "1+1" } },
        ],
        tool_calls: [],
      },
    ]);
    expect((message as AIMessage).tool_calls).toEqual([
      { id: "toolu_1", name: "calculator", args: { expression: "1+1" }, type: "tool_call" },
    ]);
  });

  it("does not mutate the wire payload when core adds tool-call blocks", () => {
    const content = [{ type: "text", text: "Calling." }];
    const wire = {
      type: "ai",
      content,
      response_metadata: { output_version: "v1" },
      tool_calls: [{ id: "c1", name: "search", args: {} }],
    };
    const [message] = coerceMessages([wire]);
    expect(content).toEqual([{ type: "text", text: "Calling." }]);
    expect((message as AIMessage).tool_calls?.[0]?.id).toBe("c1");
  });

  it("reads serialized LangChain constructors", () => {
    const [message] = coerceMessages([
      {
        lc: 1,
        type: "constructor",
        id: ["langchain_core", "messages", "ToolMessage"],
        kwargs: { content: "42", tool_call_id: "c7", id: "t1" },
      },
    ]);
    expect(message).toBeInstanceOf(ToolMessage);
    expect((message as ToolMessage).tool_call_id).toBe("c7");
    expect(message?.id).toBe("t1");
  });

  it("passes instances through and skips entries that are not messages", () => {
    const existing = new HumanMessage({ content: "kept", id: "h1" });
    const messages = coerceMessages([existing, 17, null, { type: "mystery" }]);
    expect(messages).toEqual([existing]);
    expect(messages[0]).toBe(existing);
  });

  it("uses content_blocks when content is empty", () => {
    const blocks = [{ type: "text", text: "from blocks" }];
    const [message] = coerceMessages([{ type: "human", content: "", content_blocks: blocks }]);
    expect(message?.text).toBe("from blocks");
  });
});

describe("messageFromInput", () => {
  it("turns a bare string into a human message", () => {
    const message = messageFromInput("What's the weather?");
    expect(message).toBeInstanceOf(HumanMessage);
    expect(message.content).toBe("What's the weather?");
  });

  it("accepts dicts and instances", () => {
    expect(messageFromInput({ type: "human", content: "hi", id: "x" }).id).toBe("x");
    const instance = new SystemMessage("rules");
    expect(messageFromInput(instance)).toBe(instance);
    expect(messageFromInput({ role: "user", content: "openai style" })).toBeInstanceOf(HumanMessage);
  });

  it("rejects values that are not messages with a clear error", () => {
    expect(() => messageFromInput(42)).toThrow(TypeError);
    expect(() => messageFromInput({ unrelated: true })).toThrow(/messageFromInput expects/);
  });
});
