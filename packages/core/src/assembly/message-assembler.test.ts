import { AIMessage, AIMessageChunk, HumanMessage, SystemMessage, ToolMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import type { ProtocolEvent } from "../protocol/types";
import { MessageAssembler } from "./message-assembler";
import {
  blockDeltaEvent,
  blockFinishEvent,
  blockStartEvent,
  deltaEvent,
  messagesEvent,
  protocolEvent,
} from "./test-support/events";
import { finalValuesMessages, loadTranscriptEvents } from "./test-support/transcripts";
import type { AssembledMessage } from "./types";
import { coerceMessages } from "./values-messages";

const MODEL = { namespace: ["model_request:1"] };

type Fields = Record<string, unknown>;
const startMessage = (fields: Fields = {}) => messagesEvent({ event: "message-start", ...fields }, MODEL);
const finishMessage = (fields: Fields = {}) => messagesEvent({ event: "message-finish", ...fields }, MODEL);
const textDelta = (index: number, text: string) => deltaEvent(index, { type: "text-delta", text }, MODEL);
const reasoningDelta = (index: number, reasoning: string) =>
  deltaEvent(index, { type: "reasoning-delta", reasoning }, MODEL);
const startBlock = (index: number, content: Fields) => blockStartEvent(index, content, MODEL);
const finishBlock = (index: number, content: Fields) => blockFinishEvent(index, content, MODEL);
const mergeFields = (index: number, fields: Fields) => blockDeltaEvent(index, fields, MODEL);
const legacyDelta = (index: number, content: Fields) =>
  messagesEvent({ event: "content-block-delta", index, content }, MODEL);

function feed(assembler: MessageAssembler, events: ProtocolEvent[]): AssembledMessage | undefined {
  let last: AssembledMessage | undefined;
  for (const event of events) last = assembler.consume(event) ?? last;
  return last;
}

describe("MessageAssembler on recorded transcripts", () => {
  const transcripts = [
    "stategraph_text.raw-sse",
    "stategraph_text.raw-ws",
    "stategraph_text.sdk-sse",
    "stategraph_text.controller-sse",
    "subgraph_graph.raw-sse",
    "subgraph_graph.sdk-sse",
    "custom_channel_graph.raw-ws",
    "create_agent.raw-sse",
    "create_agent.sdk-ws",
  ];

  it.each(transcripts)("assembles the same text as the final values snapshot (%s)", (name) => {
    const events = loadTranscriptEvents(name);
    const assembler = new MessageAssembler();
    const assembled = new Map<string, AssembledMessage>();
    for (const event of events) {
      const message = assembler.consume(event);
      if (message?.id !== undefined) assembled.set(message.id, message);
    }
    const snapshot = coerceMessages(finalValuesMessages(events)).filter((message) => message.type === "ai");
    expect(snapshot.length).toBeGreaterThan(0);
    for (const expected of snapshot) {
      const message = assembled.get(expected.id ?? "");
      expect(message, `assembled message ${expected.id}`).toBeDefined();
      expect(message?.status).toBe("complete");
      expect(message?.text).toBe(expected.text);
      expect(message?.toBaseMessage().text).toBe(expected.text);
    }
  });

  it("keeps the finish reason and metadata of a recorded message", () => {
    const assembler = new MessageAssembler();
    for (const event of loadTranscriptEvents("stategraph_text.raw-sse")) assembler.consume(event);
    const message = assembler.get("stategraph-message-0");
    expect(message?.finishReason).toBe("stop");
    const base = message?.toBaseMessage();
    expect(base).toBeInstanceOf(AIMessage);
    expect(base?.response_metadata).toMatchObject({ finish_reason: "stop", output_version: "v1" });
    expect(base?.content).toEqual([{ type: "text", text: "Plan accepted." }]);
  });
});

describe("MessageAssembler streaming edge cases", () => {
  it("synthesizes a message when the start was missed", () => {
    const assembler = new MessageAssembler();
    const message = feed(assembler, [
      textDelta(0, "late "),
      textDelta(0, "joiner"),
    ]);
    expect(message?.id).toBeUndefined();
    expect(message?.role).toBe("ai");
    expect(message?.text).toBe("late joiner");
    expect(message?.status).toBe("streaming");
    assembler.consume(finishMessage({ reason: "stop" }));
    expect(message?.status).toBe("complete");
  });

  it("keeps tool-call id and name when deltas carry null and parses cumulative args", () => {
    const FULL_ARGS = '{"expression": "12345 + 67890"}';
    const assembler = new MessageAssembler();
    const message = feed(assembler, [
      startMessage({ id: "msg-tool" }),
      startBlock(0, { type: "tool_use", id: "toolu_1", name: "calculator", input: "" }),
      mergeFields(0, { type: "tool_call_chunk", id: null, name: null, args: '{"expression": "12' }),
      mergeFields(0, { index: 0, input: "345", type: "input_json_delta" }),
    ]);
    expect(message?.toolCalls).toEqual([
      { id: "toolu_1", name: "calculator", args: { expression: "12" }, type: "tool_call" },
    ]);
    const streaming = message?.toBaseMessage();
    expect(streaming).toBeInstanceOf(AIMessageChunk);
    expect((streaming as AIMessageChunk).tool_call_chunks).toEqual([
      { type: "tool_call_chunk", id: "toolu_1", name: "calculator", args: '{"expression": "12', index: 0 },
    ]);

    feed(assembler, [
      mergeFields(0, { type: "tool_call_chunk", id: null, name: null, args: FULL_ARGS }),
      // Recorded traffic: the finish is not upgraded to `tool_call` and may lack the id.
      finishBlock(0, { type: "input_json_delta", input: '"}', args: FULL_ARGS }),
      finishMessage({ reason: "tool_use" }),
    ]);
    const args = { expression: "12345 + 67890" };
    const call = { id: "toolu_1", name: "calculator", args, type: "tool_call" };
    expect(message?.toolCalls).toEqual([call]);
    const final = message?.toBaseMessage() as AIMessage;
    expect(final).toBeInstanceOf(AIMessage);
    expect(final).not.toBeInstanceOf(AIMessageChunk);
    expect(final.tool_calls).toEqual([call]);
    expect(final.content).toEqual([{ type: "tool_call", id: "toolu_1", name: "calculator", args }]);
    expect(final.response_metadata.finish_reason).toBe("tool_use");
  });

  it("turns tool-call chunks left open by a finished message into parsed tool calls", () => {
    const assembler = new MessageAssembler();
    const message = feed(assembler, [
      startMessage({ id: "msg-open-chunk" }),
      mergeFields(0, { type: "tool_call_chunk", id: "call-2", name: "search", args: '{"q": "cats"}' }),
      finishMessage({ reason: "tool_use" }),
    ]);
    const final = message?.toBaseMessage() as AIMessage;
    expect(final).not.toBeInstanceOf(AIMessageChunk);
    expect(final.tool_calls).toEqual([
      { id: "call-2", name: "search", args: { q: "cats" }, type: "tool_call" },
    ]);
  });

  it("keeps reasoning and text that share index 0 as separate blocks", () => {
    const assembler = new MessageAssembler();
    const message = feed(assembler, [
      startMessage({ id: "msg-think" }),
      startBlock(0, { type: "reasoning", reasoning: "" }),
      reasoningDelta(0, "Let me "),
      reasoningDelta(0, "think."),
      textDelta(0, "The answer "),
      textDelta(0, "is 4."),
      finishBlock(0, { type: "text", text: "The answer is 4." }),
    ]);
    expect(message?.reasoning).toBe("Let me think.");
    expect(message?.text).toBe("The answer is 4.");
    expect(message?.blocks).toEqual([
      { type: "reasoning", reasoning: "Let me think." },
      { type: "text", text: "The answer is 4." },
    ]);
  });

  it("streams reasoning-deltas into a provider-native thinking block (the server starts it as the model sent it)", () => {
    // The event sequence the agent server sends for an Anthropic-style model (recorded from a real run).
    const assembler = new MessageAssembler();
    const message = feed(assembler, [
      startMessage({ id: "msg-thinking" }),
      startBlock(0, { type: "thinking", thinking: "Let me ", index: 0 }),
      reasoningDelta(0, "think "),
    ]);
    expect(message?.blocks).toEqual([{ type: "thinking", thinking: "Let me think ", index: 0 }]);
    expect(message?.reasoning).toBe("Let me think ");
    feed(assembler, [
      reasoningDelta(0, "about it."),
      startBlock(1, { type: "text", text: "The ", index: 1 }),
      textDelta(1, "answer "),
      textDelta(1, "is 42."),
      finishBlock(0, { type: "thinking", thinking: "Let me think about it.", index: 0, signature: "sig" }),
      finishBlock(1, { type: "text", text: "The answer is 42.", index: 1 }),
      finishMessage({ reason: "stop" }),
    ]);
    expect(message?.reasoning).toBe("Let me think about it.");
    expect(message?.text).toBe("The answer is 42.");
    expect(message?.blocks).toEqual([
      { type: "thinking", thinking: "Let me think about it.", index: 0, signature: "sig" },
      { type: "text", text: "The answer is 42.", index: 1 },
    ]);
  });

  it("assembles interleaved blocks in index order", () => {
    const assembler = new MessageAssembler();
    const message = feed(assembler, [
      startMessage({ id: "msg-interleaved" }),
      startBlock(0, { type: "text", text: "" }),
      textDelta(0, "first "),
      startBlock(1, { type: "text", text: "" }),
      textDelta(1, "second"),
      textDelta(0, "block. "),
    ]);
    expect(message?.text).toBe("first block. second");
    feed(assembler, [textDelta(1, " block.")]);
    expect(message?.text).toBe("first block. second block.");
  });

  it("does not finish a message on a usage event", () => {
    const assembler = new MessageAssembler();
    const message = feed(assembler, [
      startMessage({ id: "msg-usage", usage: { input_tokens: 10 } }),
      messagesEvent({ event: "usage", usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 } }, MODEL),
      textDelta(0, "still going"),
    ]);
    expect(message?.status).toBe("streaming");
    expect(message?.id).toBe("msg-usage");
    expect(message?.text).toBe("still going");
    expect((message?.toBaseMessage() as AIMessage).usage_metadata).toEqual({
      input_tokens: 10,
      output_tokens: 5,
      total_tokens: 15,
    });
  });

  it("closes a message on an error sub-event", () => {
    const assembler = new MessageAssembler();
    const message = feed(assembler, [
      startMessage({ id: "msg-error" }),
      textDelta(0, "partial"),
      messagesEvent({ event: "error", message: "model overloaded", code: "overloaded" }, MODEL),
    ]);
    expect(message?.status).toBe("error");
    expect(message?.error).toEqual({ message: "model overloaded", code: "overloaded" });
    const stray = assembler.consume(textDelta(0, " more"));
    expect(stray).not.toBe(message);
    expect(message?.text).toBe("partial");
  });

  it("ignores unknown delta types and unknown sub-events without throwing", () => {
    const assembler = new MessageAssembler();
    const message = feed(assembler, [
      startMessage({ id: "msg-future" }),
      textDelta(0, "kept"),
    ]);
    const version = message?.version;
    const ignored = [
      deltaEvent(0, { type: "holo-delta", args: "{}" }, MODEL),
      messagesEvent({ event: "message-teleport", index: 0 }, MODEL),
      messagesEvent({ event: "content-block-delta", index: "zero" }, MODEL),
      protocolEvent("values", { messages: [] }),
    ];
    for (const event of ignored) expect(assembler.consume(event)).toBeUndefined();
    expect(message?.version).toBe(version);
    expect(message?.text).toBe("kept");
  });

  it("appends tool-call-delta argument fragments and shows partial args while streaming", () => {
    const assembler = new MessageAssembler();
    const message = feed(assembler, [
      startMessage({ id: "msg-tool-delta" }),
      messagesEvent(
        { event: "content-block-start", index: 0, content: { type: "tool_call_chunk", id: "call-1", name: "get_weather", args: "" } },
        MODEL,
      ),
      deltaEvent(0, { type: "tool-call-delta", args: '{"city": "Pa' }, MODEL),
    ]);
    expect(message?.toolCalls[0]).toMatchObject({ id: "call-1", name: "get_weather" });
    assembler.consume(deltaEvent(0, { type: "tool-call-delta", args: 'ris"}' }, MODEL));
    expect(message?.toolCalls[0]?.args).toEqual({ city: "Paris" });
    expect(message?.blocks[0]).toMatchObject({ args: '{"city": "Paris"}' });
  });

  it("applies legacy partial-block deltas", () => {
    const assembler = new MessageAssembler();
    const message = feed(assembler, [
      startMessage({ id: "msg-legacy" }),
      legacyDelta(0, { type: "text", text: "Hel" }),
      legacyDelta(0, { type: "text", text: "lo" }),
      legacyDelta(1, { type: "tool_call_chunk", id: "call-1", name: "search", args: '{"q":' }),
      legacyDelta(1, { type: "tool_call_chunk", id: null, name: null, args: '"cats"}' }),
    ]);
    expect(message?.text).toBe("Hello");
    expect(message?.toolCalls).toEqual([
      { id: "call-1", name: "search", args: { q: "cats" }, type: "tool_call" },
    ]);
  });

  it("appends data deltas and media block-delta data to the block's data", () => {
    const assembler = new MessageAssembler();
    const message = feed(assembler, [
      startMessage({ id: "msg-audio" }),
      startBlock(0, { type: "audio", data: "AAEC", mime_type: "audio/wav" }),
      deltaEvent(0, { type: "data-delta", data: "AwQF", encoding: "base64" }, MODEL),
      mergeFields(0, { data: "Bgc=" }),
    ]);
    expect(message?.blocks).toEqual([
      { type: "audio", data: "AAECAwQFBgc=", mime_type: "audio/wav", encoding: "base64" },
    ]);
  });

  it("addresses messages by namespace and node", () => {
    const assembler = new MessageAssembler();
    const agent = { namespace: ["x:1"], node: "agent" };
    const other = { namespace: ["x:1"], node: "other" };
    const first = assembler.consume(messagesEvent({ event: "message-start", id: "a" }, agent));
    const second = assembler.consume(messagesEvent({ event: "message-start", id: "b" }, other));
    assembler.consume(deltaEvent(0, { type: "text-delta", text: "to a" }, agent));
    assembler.consume(deltaEvent(0, { type: "text-delta", text: "to b" }, other));
    expect(first?.text).toBe("to a");
    expect(second?.text).toBe("to b");
    expect(second?.node).toBe("other");
  });

  it("converts each role to the matching @langchain/core class", () => {
    const assembler = new MessageAssembler();
    const build = (start: Record<string, unknown>) =>
      feed(assembler, [
        startMessage({ ...start }),
        textDelta(0, "body"),
        finishMessage(),
      ])?.toBaseMessage();
    expect(build({ id: "h", role: "human" })).toBeInstanceOf(HumanMessage);
    expect(build({ id: "s", role: "system" })).toBeInstanceOf(SystemMessage);
    const tool = build({ id: "t", role: "tool", tool_call_id: "call-9" });
    expect(tool).toBeInstanceOf(ToolMessage);
    expect((tool as ToolMessage).tool_call_id).toBe("call-9");
    expect(tool?.content).toBe("body");
    expect(tool?.id).toBe("t");
  });

  it("sets finish metadata and bumps version on every change", () => {
    const assembler = new MessageAssembler();
    const message = assembler.consume(startMessage({ id: "v" }));
    const versions = [message?.version];
    assembler.consume(textDelta(0, "a"));
    versions.push(message?.version);
    assembler.consume(finishMessage({ reason: "stop", responseMetadata: { model_name: "fake" } }));
    versions.push(message?.version);
    expect(new Set(versions).size).toBe(3);
    expect(message?.responseMetadata).toEqual({ model_name: "fake" });
    expect(message?.toBaseMessage().response_metadata).toMatchObject({
      model_name: "fake",
      finish_reason: "stop",
    });
  });

  it("forgets messages on reset", () => {
    const assembler = new MessageAssembler();
    assembler.consume(startMessage({ id: "gone" }));
    assembler.reset();
    expect(assembler.get("gone")).toBeUndefined();
    expect(assembler.consume(finishMessage())).toBeUndefined();
  });
});
