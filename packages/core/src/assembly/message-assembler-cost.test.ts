import { describe, expect, it } from "vitest";
import { createWorkCounters } from "./joined-field";
import { MessageAssembler } from "./message-assembler";
import { blockFinishEvent, blockStartEvent, deltaEvent, messagesEvent } from "./test-support/events";

const TOKENS = 100_000;
const MODEL = { namespace: ["model_request:cost"] };

describe("MessageAssembler per-token cost", () => {
  it("does no work proportional to the message per delta, and caches toBaseMessage per version", () => {
    const counters = createWorkCounters();
    const assembler = new MessageAssembler({ counters });
    const message = assembler.consume(messagesEvent({ event: "message-start", id: "long" }, MODEL));
    assembler.consume(blockStartEvent(0, { type: "text", text: "" }, MODEL));
    const blocksView = message?.blocks;
    let baseMessageCalls = 0;
    let mismatches = 0;
    for (let token = 0; token < TOKENS; token += 1) {
      assembler.consume(deltaEvent(0, { type: "text-delta", text: "x" }, MODEL));
      // A UI reading text and blocks on every token must not trigger rebuilds.
      if (message?.text.length !== token + 1 || message.blocks !== blocksView) mismatches += 1;
      if (token % 1000 === 0) {
        const first = message?.toBaseMessage();
        expect(message?.toBaseMessage()).toBe(first);
        baseMessageCalls += 1;
      }
    }
    assembler.consume(
      blockFinishEvent(0, { type: "text", text: "x".repeat(TOKENS) }, MODEL),
    );
    assembler.consume(messagesEvent({ event: "message-finish", reason: "stop" }, MODEL));
    expect(message?.text).toBe("x".repeat(TOKENS));
    expect(message?.toBaseMessage().text).toBe("x".repeat(TOKENS));

    expect(mismatches).toBe(0);
    expect(counters.joinedFieldRebuilds).toBe(0);
    expect(counters.blockViewBuilds).toBeLessThanOrEqual(2);
    expect(counters.baseMessageBuilds).toBe(baseMessageCalls + 1);
  });

  it("rebuilds joined text once after an out-of-order change, not per token", () => {
    const counters = createWorkCounters();
    const assembler = new MessageAssembler({ counters });
    const message = assembler.consume(messagesEvent({ event: "message-start", id: "two-blocks" }, MODEL));
    assembler.consume(blockStartEvent(0, { type: "text", text: "a" }, MODEL));
    assembler.consume(blockStartEvent(1, { type: "text", text: "b" }, MODEL));
    // Appending to a block that is not the last text block invalidates the cache once.
    assembler.consume(deltaEvent(0, { type: "text-delta", text: "a" }, MODEL));
    expect(message?.text).toBe("aab");
    for (let token = 0; token < 1000; token += 1) {
      assembler.consume(deltaEvent(1, { type: "text-delta", text: "b" }, MODEL));
      expect(message?.text.length).toBe(4 + token);
    }
    expect(counters.joinedFieldRebuilds).toBe(1);
  });
});
