import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { prepareSubmitInput } from "./optimistic-input";

describe("prepareSubmitInput", () => {
  it("mints ids for id-less messages: on the shown instances and in the dispatched dicts", () => {
    const prepared = prepareSubmitInput({ messages: [{ type: "human", content: "hi" }] }, "messages");
    const sent = (prepared.dispatchInput as { messages: { id: string; type: string }[] }).messages;
    expect(sent[0]!.id).toEqual(expect.any(String));
    expect(prepared.messages[0]!.id).toBe(sent[0]!.id);
    expect(sent[0]!.type).toBe("human");
  });

  it("keeps an id that is already there", () => {
    const prepared = prepareSubmitInput({ messages: [{ type: "human", content: "hi", id: "mine" }] }, "messages");
    expect(prepared.messages[0]!.id).toBe("mine");
  });

  it("turns a bare string into a human message", () => {
    const prepared = prepareSubmitInput({ messages: "hello" }, "messages");
    expect(prepared.messages[0]).toBeInstanceOf(HumanMessage);
    expect(prepared.messages[0]!.text).toBe("hello");
    expect(prepared.messages[0]!.id).toEqual(expect.any(String));
  });

  it("never mutates the caller's instances and sends them as plain dicts", () => {
    const instance = new AIMessage("drafted");
    const prepared = prepareSubmitInput({ messages: instance }, "messages");
    expect(instance.id).toBeUndefined();
    const sent = (prepared.dispatchInput as { messages: Record<string, unknown>[] }).messages[0]!;
    expect(sent).toMatchObject({ type: "ai", content: "drafted" });
    expect(sent).not.toHaveProperty("lc");
  });

  it("other keys are shown as extra values and still sent", () => {
    const prepared = prepareSubmitInput({ messages: "hi", topic: "weather" }, "messages");
    expect(prepared.extraValues).toEqual({ topic: "weather" });
    expect(prepared.dispatchInput).toMatchObject({ topic: "weather" });
  });

  it("without a messages key nothing is shown as a message", () => {
    const prepared = prepareSubmitInput({ topic: "weather" }, "messages");
    expect(prepared.messages).toEqual([]);
    expect(prepared.extraValues).toEqual({ topic: "weather" });
    expect(prepared.dispatchInput).toEqual({ topic: "weather" });
    expect(prepareSubmitInput(null, "messages").dispatchInput).toBeNull();
  });

  it("respects a custom messages key", () => {
    const prepared = prepareSubmitInput({ history: "hi", messages: "not a message here" }, "history");
    expect(prepared.messages.map((message) => message.text)).toEqual(["hi"]);
    expect(prepared.extraValues).toEqual({ messages: "not a message here" });
  });
});
