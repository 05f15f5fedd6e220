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
});
