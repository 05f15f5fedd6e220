import { HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import type { ProtocolEvent } from "../protocol/types";
import type { ReconcileWorkCounters } from "./message-reconciliation";
import { RootMessageProjection } from "./root-message-projection";

const messages = (seq: number, data: Record<string, unknown>): ProtocolEvent => ({
  type: "event",
  method: "messages",
  seq,
  params: { namespace: [], timestamp: 0, data },
});

describe("RootMessageProjection", () => {
  it("a burst of tokens publishes one array per flush and keeps untouched instances", () => {
    const projection = new RootMessageProjection("messages", { messages: [{ type: "human", id: "h1", content: "hi" }] }, () => undefined);
    const before = projection.flush();
    projection.handleMessageEvent(messages(1, { event: "message-start", id: "a1", role: "ai" }));
    projection.handleMessageEvent(messages(2, { event: "content-block-start", index: 0, content: { type: "text", text: "" } }));
    for (let index = 0; index < 200; index += 1) {
      projection.handleMessageEvent(messages(3 + index, { event: "content-block-delta", index: 0, delta: { type: "text-delta", text: "x" } }));
    }
    // Nothing is published before the flush: the previous snapshot is untouched.
    expect(before.messages).toHaveLength(1);
    const after = projection.flush();
    expect(after.messages).toHaveLength(2);
    expect(after.messages[0]).toBe(before.messages[0]);
    expect(after.values.messages).toBe(after.messages);
    const content = after.messages[1]!.content as { type: string; text: string }[];
    expect(content[0]!.text).toHaveLength(200);
    expect(projection.flush().messages).toBe(after.messages);
  });

  it("one message per id: a repeated start does not duplicate; the role picks the class", () => {
    const projection = new RootMessageProjection("messages", {}, () => undefined);
    projection.handleMessageEvent(messages(1, { event: "message-start", id: "h1", role: "human" }));
    projection.handleMessageEvent(messages(2, { event: "message-start", id: "h1", role: "human" }));
    const { messages: shown } = projection.flush();
    expect(shown).toHaveLength(1);
    expect(shown[0]).toBeInstanceOf(HumanMessage);
  });

  it("after values reorder the list, later tokens land on the right message", () => {
    const projection = new RootMessageProjection("messages", {}, () => undefined);
    projection.handleMessageEvent(messages(1, { event: "message-start", id: "a1", role: "ai" }));
    projection.handleMessageEvent(messages(2, { event: "content-block-start", index: 0, content: { type: "text", text: "partial" } }));
    projection.applyValues({ messages: [{ type: "human", id: "h1", content: "first" }, { type: "ai", id: "a1", content: "" }] });
    projection.handleMessageEvent(messages(3, { event: "content-block-delta", index: 0, delta: { type: "text-delta", text: " more" } }));
    const { messages: shown } = projection.flush();
    expect(shown.map((message) => [message.id, message.text])).toEqual([
      ["h1", "first"],
      ["a1", "partial more"],
    ]);
  });

  it("seeded ids are sealed: a replay of their stream changes nothing, a new id streams", () => {
    const projection = new RootMessageProjection("messages", {}, () => undefined);
    projection.seed({ messages: [{ type: "ai", id: "a1", content: "All done." }] });
    projection.handleMessageEvent(messages(1, { event: "message-start", id: "a1", role: "ai" }));
    projection.handleMessageEvent(messages(2, { event: "content-block-start", index: 0, content: { type: "text", text: "All" } }));
    projection.handleMessageEvent(messages(3, { event: "message-start", id: "a2", role: "ai" }));
    projection.handleMessageEvent(messages(4, { event: "content-block-start", index: 0, content: { type: "text", text: "new" } }));
    const { messages: shown } = projection.flush();
    expect(shown.map((message) => [message.id, message.text])).toEqual([
      ["a1", "All done."],
      ["a2", "new"],
    ]);
  });

  it("optimistic input shows after the history with its extra values, and the echo replaces it by id", () => {
    const projection = new RootMessageProjection("messages", { messages: [{ type: "ai", id: "a0", content: "earlier" }] }, () => undefined);
    const optimistic = new HumanMessage({ id: "h1", content: "hi" });
    projection.appendOptimistic([optimistic], { topic: "x" });
    let published = projection.flush();
    expect(published.messages.map((message) => message.id)).toEqual(["a0", "h1"]);
    expect(published.values).toMatchObject({ topic: "x" });
    projection.applyValues({
      messages: [{ type: "ai", id: "a0", content: "earlier" }, { type: "human", id: "h1", content: "hi", additional_kwargs: { lang: "en" } }],
    });
    published = projection.flush();
    expect(published.messages.map((message) => message.id)).toEqual(["a0", "h1"]);
    expect(published.messages[1]).not.toBe(optimistic);
    expect(published.messages[1]!.additional_kwargs).toEqual({ lang: "en" });
    expect(published.values.messages).toBe(published.messages);
  });

  it("an echoed human is replaced while the reply still streaming keeps its streamed text", () => {
    const projection = new RootMessageProjection("messages", {}, () => undefined);
    projection.appendOptimistic([new HumanMessage({ id: "h1", content: "hi" })], {});
    projection.handleMessageEvent(messages(1, { event: "message-start", id: "a1", role: "ai" }));
    projection.handleMessageEvent(messages(2, { event: "content-block-start", index: 0, content: { type: "text", text: "streamed" } }));
    projection.applyValues({ messages: [{ type: "human", id: "h1", content: "hi" }, { type: "ai", id: "a1", content: "stale" }] });
    const { messages: shown } = projection.flush();
    expect(shown.map((message) => message.text)).toEqual(["hi", "streamed"]);
  });

  it("an empty values list clears the conversation (regression: it used to be ignored)", () => {
    const projection = new RootMessageProjection("messages", {}, () => undefined);
    projection.applyValues({ messages: [{ type: "human", id: "h1", content: "hi" }] });
    projection.flush();
    projection.applyValues({ messages: [] });
    const published = projection.flush();
    expect(published.messages).toEqual([]);
    expect(published.values.messages).toEqual([]);
  });

  it("truncateAt drops a message and its tail; remove drops given ids; reset starts over", () => {
    const projection = new RootMessageProjection("messages", {}, () => undefined);
    projection.applyValues({
      messages: ["h1", "a1", "h2", "a2"].map((id) => ({ type: id.startsWith("h") ? "human" : "ai", id, content: id })),
    });
    projection.truncateAt((message) => message.id === "h2");
    expect(projection.flush().messages.map((message) => message.id)).toEqual(["h1", "a1"]);
    projection.remove(new Set(["a1"]));
    expect(projection.flush().messages.map((message) => message.id)).toEqual(["h1"]);
    projection.reset({});
    projection.handleMessageEvent(messages(1, { event: "message-start", id: "h1", role: "human" }));
    expect(projection.flush().messages).toHaveLength(1);
  });

  it("a values event re-sending N messages costs O(changes): no conversion or keyed work per held message", () => {
    const counters: ReconcileWorkCounters = { conversions: 0, keyedEntries: 0 };
    const held = Array.from({ length: 5_000 }, (_, index) => ({ type: index % 2 ? "ai" : "human", id: `m${index}`, content: `text ${index}` }));
    const projection = new RootMessageProjection("messages", {}, () => undefined, counters);
    const first = projection.applyValues({ messages: held });
    expect(first.added).toHaveLength(5_000);
    const before = projection.flush().messages;
    // The reply streams while supersteps re-send the list (each a fresh parse: equal, not identical).
    projection.handleMessageEvent(messages(1, { event: "message-start", id: "reply", role: "ai" }));
    projection.handleMessageEvent(messages(2, { event: "content-block-start", index: 0, content: { type: "text", text: "par" } }));
    const withReply = [...held, { type: "ai", id: "reply", content: "" }];
    counters.conversions = 0;
    counters.keyedEntries = 0;
    for (let superstep = 0; superstep < 3; superstep += 1) {
      const change = projection.applyValues({ messages: JSON.parse(JSON.stringify(withReply)) as unknown[] });
      expect(change.added).toEqual(superstep === 0 ? ["reply"] : []);
      projection.handleMessageEvent(messages(3 + superstep, { event: "content-block-delta", index: 0, delta: { type: "text-delta", text: "t" } }));
    }
    projection.handleMessageEvent(messages(10, { event: "message-finish", reason: "stop" }));
    const final = [...held, { type: "ai", id: "reply", content: "partt" }];
    projection.applyValues({ messages: JSON.parse(JSON.stringify(final)) as unknown[] });
    const after = projection.flush().messages;
    expect(after).toHaveLength(5_001);
    expect(after[4_999]).toBe(before[4_999]);
    expect(after[5_000]!.text).toBe("partt");
    expect(projection.isStreaming("reply")).toBe(false);
    // One conversion (the finished reply); the keyed path saw only the reply's entry each time.
    expect(counters.conversions).toBe(1);
    expect(counters.keyedEntries).toBeLessThanOrEqual(4);
  });

  it("reports removed ids and drops their seals", () => {
    const projection = new RootMessageProjection("messages", { messages: [{ type: "human", id: "initial", content: "x" }] }, () => undefined);
    // Initial values are reported with the first values applied after them.
    const seeded = projection.seed({ messages: [{ type: "human", id: "h1", content: "hi" }, { type: "ai", id: "a1", content: "yo" }] });
    expect([...seeded.added].sort()).toEqual(["a1", "h1"]);
    expect(seeded.removed).toEqual(["initial"]);
    const change = projection.applyValues({ messages: [{ type: "human", id: "h1", content: "hi" }] });
    expect(change).toEqual({ added: [], removed: ["a1"] });
    // a1 is no longer sealed: a new stream under its id shows again.
    projection.handleMessageEvent(messages(1, { event: "message-start", id: "a1", role: "ai" }));
    projection.handleMessageEvent(messages(2, { event: "content-block-start", index: 0, content: { type: "text", text: "again" } }));
    expect(projection.flush().messages.map((message) => message.text)).toEqual(["hi", "again"]);
  });
});
