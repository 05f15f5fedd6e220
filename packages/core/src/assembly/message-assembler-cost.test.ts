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
      // A fresh namespace array per event, as parsing produces.
      assembler.consume(deltaEvent(0, { type: "text-delta", text: "x" }, { namespace: ["model_request:cost"] }));
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
    // Every event is freshly built (as if parsed), yet the namespace is joined into an address once.
    expect(counters.addressBuilds).toBe(1);
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

  it("keeps one string per text block: the joined text of later blocks is read, not copied per token", () => {
    const counters = createWorkCounters();
    const assembler = new MessageAssembler({ counters });
    const message = assembler.consume(messagesEvent({ event: "message-start", id: "blocks" }, MODEL));
    assembler.consume(blockStartEvent(0, { type: "text", text: "intro " }, MODEL));
    assembler.consume(blockStartEvent(1, { type: "reasoning", reasoning: "" }, MODEL));
    assembler.consume(blockStartEvent(2, { type: "text", text: "" }, MODEL));
    for (let token = 0; token < 1000; token += 1) {
      assembler.consume(deltaEvent(2, { type: "text-delta", text: "y" }, MODEL));
      assembler.consume(deltaEvent(1, { type: "reasoning-delta", reasoning: "r" }, MODEL));
    }
    expect(message?.text).toBe(`intro ${"y".repeat(1000)}`);
    expect(message?.reasoning).toBe("r".repeat(1000));
    expect(message?.blocks[2]?.text).toBe("y".repeat(1000));
    expect(counters.joinedFieldRebuilds).toBe(0);
  });

  it("forgets a finished message on request, never one still streaming", () => {
    const assembler = new MessageAssembler();
    assembler.consume(messagesEvent({ event: "message-start", id: "open" }, MODEL));
    assembler.forget("open");
    expect(assembler.get("open")?.status).toBe("streaming");
    assembler.consume(messagesEvent({ event: "message-finish", reason: "stop" }, MODEL));
    const finished = assembler.get("open");
    expect(finished?.status).toBe("complete");
    assembler.forget("open");
    expect(assembler.get("open")).toBeUndefined();
    // The caller's reference stays usable.
    expect(finished?.toBaseMessage().id).toBe("open");
  });
});
