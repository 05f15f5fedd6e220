import { AIMessage, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { reconcileValuesMessages, type CachedValuesMessage } from "./message-reconciliation";

const human = (id: string, content: string) => ({ type: "human", id, content });
const ai = (id: string, content: string) => ({ type: "ai", id, content });

function run(current: readonly BaseMessage[], incoming: unknown[], previous = new Set<string>(), cache = new Map<string, CachedValuesMessage>(), streaming = new Set<string>()) {
  return reconcileValuesMessages({ current, incoming, previousValueIds: previous, cache, isStreaming: (id) => streaming.has(id) });
}

describe("reconcileValuesMessages", () => {
  it("reuses instances whose raw entry did not change and returns the same array when nothing changed", () => {
    const cache = new Map<string, CachedValuesMessage>();
    const first = run([], [human("h1", "hi"), ai("a1", "hello")], new Set(), cache);
    const second = run(first.messages, [human("h1", "hi"), ai("a1", "hello")], first.valueIds, cache);
    expect(second.changed).toBe(false);
    expect(second.messages).toBe(first.messages);
    const third = run(second.messages, [human("h1", "hi"), ai("a1", "hello!"), human("h2", "next")], second.valueIds, cache);
    expect(third.messages[0]).toBe(first.messages[0]);
    expect(third.messages[1]).not.toBe(first.messages[1]);
    expect(third.messages.map((message) => message.id)).toEqual(["h1", "a1", "h2"]);
  });

  it("replaces an optimistic message by id and keeps messages values never confirmed", () => {
    const optimistic = new HumanMessage({ id: "h1", content: "hi" });
    const streamed = new HumanMessage({ id: "x", content: "streaming" });
    const result = run([optimistic, streamed], [human("h1", "hi")]);
    expect(result.messages.map((message) => message.id)).toEqual(["h1", "x"]);
    expect(result.messages[0]).not.toBe(optimistic);
  });

  it("keeps the streamed copy of a message that is still streaming", () => {
    const streamed = new HumanMessage({ id: "a1", content: "partial reply" });
    const result = run([streamed], [ai("a1", "")], new Set(), new Map(), new Set(["a1"]));
    expect(result.messages[0]).toBe(streamed);
  });

  it("an empty values list clears every confirmed message (regression: it used to be ignored)", () => {
    const cache = new Map<string, CachedValuesMessage>();
    const first = run([], [human("h1", "hi")], new Set(), cache);
    const cleared = run(first.messages, [], first.valueIds, cache);
    expect(cleared.messages).toEqual([]);
    expect(cache.size).toBe(0);
  });

  it("an id the previous values held and this one lacks is removed; stream-only messages stay", () => {
    const cache = new Map<string, CachedValuesMessage>();
    const first = run([], [human("h1", "hi"), ai("a1", "old")], new Set(), cache);
    const streamed = new AIMessage({ id: "s1", content: "streaming" });
    const next = run([...first.messages, streamed], [human("h1", "hi")], first.valueIds, cache);
    expect(next.messages.map((message) => message.id)).toEqual(["h1", "s1"]);
  });

  it("shown messages without an id are dropped; values messages without an id pass through", () => {
    const anonymous = new HumanMessage("no id");
    const result = run([anonymous], [{ type: "ai", content: "from values" }]);
    expect(result.messages.map((message) => message.text)).toEqual(["from values"]);
  });

  it("once a reply finished streaming, the values copy replaces it but keeps the streamed token usage", () => {
    const usage = { input_tokens: 3, output_tokens: 5, total_tokens: 8 };
    const streamed = new AIMessage({ id: "a1", content: "done", usage_metadata: usage });
    const withToolCalls = { type: "ai", id: "a1", content: "done", tool_calls: [{ id: "c1", name: "search", args: { q: "x" } }] };
    const result = run([streamed], [withToolCalls]);
    const replaced = result.messages[0] as AIMessage;
    expect(replaced).not.toBe(streamed);
    expect(replaced.tool_calls?.map((call) => call.name)).toEqual(["search"]);
    expect(replaced.usage_metadata).toEqual(usage);
  });
});
