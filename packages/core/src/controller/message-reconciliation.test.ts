import { AIMessage, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { ValuesReconciler, jsonEqual, type ReconcileWorkCounters } from "./message-reconciliation";

const human = (id: string, content: string) => ({ type: "human", id, content });
const ai = (id: string, content: string) => ({ type: "ai", id, content });

function reconciler() {
  const counters: ReconcileWorkCounters = { conversions: 0, keyedEntries: 0 };
  const instance = new ValuesReconciler(counters);
  const run = (current: readonly BaseMessage[], incoming: unknown[], streaming = new Set<string>()) =>
    instance.reconcile(current, incoming, (id) => streaming.has(id));
  return { instance, run, counters };
}

function held(count: number) {
  return Array.from({ length: count }, (_, index) => (index % 2 === 0 ? human(`h${index}`, `q${index}`) : ai(`a${index}`, `r${index}`)));
}

describe("ValuesReconciler", () => {
  it("reuses instances whose raw entry did not change and returns the same array when nothing changed", () => {
    const { run } = reconciler();
    const first = run([], [human("h1", "hi"), ai("a1", "hello")]);
    const second = run(first.messages, [human("h1", "hi"), ai("a1", "hello")]);
    expect(second.changed).toBe(false);
    expect(second.messages).toBe(first.messages);
    const third = run(second.messages, [human("h1", "hi"), ai("a1", "hello!"), human("h2", "next")]);
    expect(third.messages[0]).toBe(first.messages[0]);
    expect(third.messages[1]).not.toBe(first.messages[1]);
    expect(third.messages.map((message) => message.id)).toEqual(["h1", "a1", "h2"]);
    expect(third.added).toEqual(["h2"]);
  });

  it("replaces an optimistic message by id and keeps messages values never confirmed", () => {
    const optimistic = new HumanMessage({ id: "h1", content: "hi" });
    const streamed = new HumanMessage({ id: "x", content: "streaming" });
    const result = reconciler().run([optimistic, streamed], [human("h1", "hi")]);
    expect(result.messages.map((message) => message.id)).toEqual(["h1", "x"]);
    expect(result.messages[0]).not.toBe(optimistic);
  });

  it("keeps the streamed copy of a message that is still streaming, and converts it once it is not", () => {
    const { run } = reconciler();
    const streamed = new AIMessage({ id: "a1", content: "partial reply" });
    const first = run([streamed], [ai("a1", "")], new Set(["a1"]));
    expect(first.messages[0]).toBe(streamed);
    expect(run(first.messages, [ai("a1", "")], new Set(["a1"])).changed).toBe(false);
    const done = run(first.messages, [ai("a1", "")]);
    expect(done.messages[0]).not.toBe(streamed);
    expect(done.messages[0]!.text).toBe("");
  });

  it("an empty values list clears every confirmed message (regression: it used to be ignored)", () => {
    const { run, instance } = reconciler();
    const first = run([], [human("h1", "hi")]);
    const cleared = run(first.messages, []);
    expect(cleared.messages).toEqual([]);
    expect(cleared.removed).toEqual(["h1"]);
    expect(instance.valueIds.size).toBe(0);
  });

  it("an id the previous values held and this one lacks is removed; stream-only messages stay", () => {
    const { run } = reconciler();
    const first = run([], [human("h1", "hi"), ai("a1", "old")]);
    const streamed = new AIMessage({ id: "s1", content: "streaming" });
    const next = run([...first.messages, streamed], [human("h1", "hi")]);
    expect(next.messages.map((message) => message.id)).toEqual(["h1", "s1"]);
    expect(next.removed).toEqual(["a1"]);
  });

  it("shown messages without an id are dropped; values messages without an id pass through", () => {
    const anonymous = new HumanMessage("no id");
    const result = reconciler().run([anonymous], [{ type: "ai", content: "from values" }]);
    expect(result.messages.map((message) => message.text)).toEqual(["from values"]);
  });

  it("once a reply finished streaming, the values copy replaces it but keeps the streamed token usage", () => {
    const usage = { input_tokens: 3, output_tokens: 5, total_tokens: 8 };
    const streamed = new AIMessage({ id: "a1", content: "done", usage_metadata: usage });
    const withToolCalls = { type: "ai", id: "a1", content: "done", tool_calls: [{ id: "c1", name: "search", args: { q: "x" } }] };
    const result = reconciler().run([streamed], [withToolCalls]);
    const replaced = result.messages[0] as AIMessage;
    expect(replaced).not.toBe(streamed);
    expect(replaced.tool_calls?.map((call) => call.name)).toEqual(["search"]);
    expect(replaced.usage_metadata).toEqual(usage);
  });

  it("a repeated id keeps its first entry, also when the repeat is re-sent later", () => {
    const { run } = reconciler();
    const first = run([], [human("h1", "first"), human("h1", "again"), ai("a1", "x")]);
    expect(first.messages.map((message) => message.text)).toEqual(["first", "x"]);
    const second = run(first.messages, [human("h1", "first"), ai("a1", "x"), human("h1", "again")]);
    expect(second.messages.map((message) => message.text)).toEqual(["first", "x"]);
    expect(second.added).toEqual([]);
    expect(second.removed).toEqual([]);
  });

  it("an edited message in the middle is reconverted and the ones after it keep their instances", () => {
    const { run, counters } = reconciler();
    const list = held(10);
    const first = run([], list);
    counters.conversions = 0;
    const edited = list.map((entry, index) => (index === 4 ? { ...entry, content: "edited" } : entry));
    const second = run(first.messages, edited);
    expect(second.messages[4]!.text).toBe("edited");
    for (const index of [0, 3, 5, 9]) expect(second.messages[index]).toBe(first.messages[index]);
    expect(counters.conversions).toBe(1);
    expect(second.unchangedPrefix).toBe(4);
  });

  it("re-sending N unchanged messages plus one costs one conversion and no keyed work per held message", () => {
    const { run, counters } = reconciler();
    const list = held(10_000);
    const first = run([], list);
    counters.conversions = 0;
    counters.keyedEntries = 0;
    // A fresh parse of the same list: equal entries, none identical.
    const resent = [...(JSON.parse(JSON.stringify(list)) as unknown[]), ai("new", "answer")];
    const second = run(first.messages, resent);
    expect(second.messages).toHaveLength(10_001);
    expect(second.unchangedPrefix).toBe(10_000);
    expect(second.messages[9_999]).toBe(first.messages[9_999]);
    expect(second.added).toEqual(["new"]);
    expect(counters.conversions).toBe(1);
    expect(counters.keyedEntries).toBe(1);
  });
});

describe("jsonEqual", () => {
  it("compares plain JSON structurally and instances by identity", () => {
    expect(jsonEqual({ a: [1, "x", { b: null }] }, { a: [1, "x", { b: null }] })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(jsonEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(jsonEqual([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(jsonEqual(new HumanMessage("x"), new HumanMessage("x"))).toBe(false);
  });
});
