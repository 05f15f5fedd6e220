import { HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import type { ProtocolEvent } from "../protocol/types";
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
});
