import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { describe, expect, it, vi } from "vitest";
import { FAILING_ERROR_MESSAGE } from "../../../../apps/agent-server/src/graphs/failing";
import { textReply } from "../../../../apps/agent-server/src/graphs/text";
import { TRANSPORTS } from "../support";
import { FAST, serverMessages, textOf, tokenDelay, useControllers } from "./harness";

describe.each(TRANSPORTS)("StreamController streaming over %s", (transport) => {
  const suite = useControllers(transport);

  it("streams a text reply into messages and values, then settles isLoading", async () => {
    const onThreadId = vi.fn();
    const onCreated = vi.fn();
    const onCompleted = vi.fn();
    const controller = suite.make("text", { onThreadId, onCreated, onCompleted });
    const snapshots = new Set<unknown>();
    controller.rootStore.subscribe(() => snapshots.add(controller.rootStore.getSnapshot().messages));
    const done = controller.submit({ messages: "hello" }, tokenDelay(2));
    expect(controller.rootStore.getSnapshot().isLoading).toBe(true);
    expect(controller.rootStore.getSnapshot().messages.map(textOf)).toEqual(["hello"]);
    await done;
    const snapshot = controller.rootStore.getSnapshot();
    expect(snapshot.isLoading).toBe(false);
    expect(snapshot.error).toBeUndefined();
    expect(snapshot.messages.map((message) => message.getType())).toEqual(["human", "ai"]);
    expect(textOf(snapshot.messages[1])).toBe(textReply("hello"));
    expect(snapshot.values.messages).toBe(snapshot.messages);
    expect(onThreadId).toHaveBeenCalledTimes(1);
    expect(onThreadId).toHaveBeenCalledWith(snapshot.threadId);
    expect(onCreated).toHaveBeenCalledTimes(1);
    const runId = onCreated.mock.calls[0]![0].runId as string;
    expect(runId).toEqual(expect.any(String));
    expect(onCompleted).toHaveBeenCalledWith({ runId, reason: "success" });
    // onCreated came first.
    expect(onCreated.mock.invocationCallOrder[0]).toBeLessThan(onCompleted.mock.invocationCallOrder[0]!);
    // Tokens were visible before the end (several distinct message arrays were published).
    expect(snapshots.size).toBeGreaterThan(2);
    expect(await serverMessages(snapshot.threadId!)).toHaveLength(2);
    // A second run on the same thread mints nothing.
    await controller.submit({ messages: "again" }, FAST);
    expect(onThreadId).toHaveBeenCalledTimes(1);
    expect(onCreated).toHaveBeenCalledTimes(2);
  });

  it("accepts a bare string, a plain dict and a BaseMessage instance as input messages", async () => {
    const controller = suite.make("text");
    const instance = new HumanMessage("as an instance");
    await controller.submit({ messages: "as a string" }, FAST);
    await controller.submit({ messages: [{ role: "user", content: "as a dict" }] }, FAST);
    await controller.submit({ messages: [instance] }, FAST);
    const snapshot = controller.rootStore.getSnapshot();
    expect(snapshot.messages.map(textOf)).toEqual([
      "as a string",
      textReply("as a string"),
      "as a dict",
      textReply("as a dict"),
      "as an instance",
      textReply("as an instance"),
    ]);
    expect(snapshot.messages.filter((message) => message.getType() === "human")).toHaveLength(3);
    // The caller's instance is not mutated; the id the server stored is the one shown.
    expect(instance.id).toBeUndefined();
    const stored = await serverMessages(snapshot.threadId!);
    expect(stored.map((message) => message.id)).toEqual(snapshot.messages.map((message) => message.id));
  });

  it("keeps the human message instance once the server echoed it", async () => {
    const controller = suite.make("text");
    await controller.submit({ messages: [{ type: "human", content: "first" }] }, FAST);
    const human = controller.rootStore.getSnapshot().messages[0];
    await controller.submit({ messages: "second" }, FAST);
    const messages = controller.rootStore.getSnapshot().messages;
    expect(messages.map(textOf)).toEqual(["first", textReply("first"), "second", textReply("second")]);
    // Unchanged messages keep their identity across values events.
    expect(messages[0]).toBe(human);
    const metadata = controller.messageMetadataStore.getSnapshot();
    expect(metadata.get(messages[2]!.id!)?.optimisticStatus).toBe("sent");
  });

  it("with optimistic: false the input appears only once the server echoes it", async () => {
    const controller = suite.make("text", { optimistic: false });
    const done = controller.submit({ messages: "quiet" }, FAST);
    expect(controller.rootStore.getSnapshot().messages).toEqual([]);
    expect(controller.rootStore.getSnapshot().isLoading).toBe(true);
    await done;
    expect(controller.rootStore.getSnapshot().messages.map(textOf)).toEqual(["quiet", textReply("quiet")]);
  });

  it("assembles tool calls and the tool result", async () => {
    const controller = suite.make("tool_agent");
    await controller.submit({ messages: "What's the weather in Paris?" }, FAST);
    const snapshot = controller.rootStore.getSnapshot();
    expect(snapshot.error).toBeUndefined();
    expect(snapshot.toolCalls.length).toBeGreaterThan(0);
    expect(snapshot.toolCalls.every((call) => call.status === "finished")).toBe(true);
    expect(snapshot.toolCalls.every((call) => Object.isFrozen(call) && !("version" in call))).toBe(true);
    const types = snapshot.messages.map((message) => message.getType());
    expect(types[0]).toBe("human");
    expect(types).toContain("tool");
    expect(types.at(-1)).toBe("ai");
    const finalReply = snapshot.messages.at(-1) as AIMessage;
    expect(textOf(finalReply)).toContain("Here is what the tools said");
  });

  it("surfaces a failing graph's error and clears isLoading", async () => {
    const onError = vi.fn();
    const onCompleted = vi.fn();
    const controller = suite.make("failing", { onCompleted });
    await controller.submit({ messages: "boom" }, { ...FAST, onError });
    const snapshot = controller.rootStore.getSnapshot();
    expect(snapshot.isLoading).toBe(false);
    expect(snapshot.error).toBeInstanceOf(Error);
    expect((snapshot.error as Error).message).toContain(FAILING_ERROR_MESSAGE);
    expect(onError).toHaveBeenCalledWith(snapshot.error);
    expect(onCompleted).toHaveBeenCalledWith({ runId: expect.any(String), reason: "error" });
    // The next submit clears the error.
    const next = controller.submit({ messages: "again" }, FAST);
    expect(controller.rootStore.getSnapshot().error).toBeUndefined();
    await next;
  });

  // Over WebSocket the test server accepts run.start for an unknown assistant and fails the run
  // instead (its 404 check sits on the HTTP command route only): the error is still state.
  it("an unknown assistant is state, not a throw: error set, onError called, isLoading false", async () => {
    const onError = vi.fn(() => {
      throw new Error("a broken onError must not break the controller");
    });
    const onCreated = vi.fn();
    const onCompleted = vi.fn();
    const controller = suite.make("no_such_assistant", { onError, onCreated, onCompleted });
    await controller.submit({ messages: "hello" }, FAST);
    const snapshot = controller.rootStore.getSnapshot();
    expect(snapshot.isLoading).toBe(false);
    expect(snapshot.error).toBeInstanceOf(Error);
    expect(onError).toHaveBeenCalledWith(snapshot.error);
    if (transport === "sse") {
      // The dispatch itself was rejected: no run, no run callbacks, the input is marked failed.
      expect(String(snapshot.error)).toMatch(/not found/);
      expect(onCreated).not.toHaveBeenCalled();
      expect(onCompleted).not.toHaveBeenCalled();
      expect(controller.messageMetadataStore.getSnapshot().get(snapshot.messages[0]!.id!)?.optimisticStatus).toBe("failed");
    } else {
      expect(onCompleted).toHaveBeenCalledWith({ runId: expect.any(String), reason: "error" });
    }
  });

  it("input it cannot send is reported without blocking the next submit", async () => {
    const controller = suite.make("text");
    await controller.submit({ messages: [{ content: "no role or type" }] }, { ...FAST, multitaskStrategy: "reject" });
    expect(controller.rootStore.getSnapshot()).toMatchObject({ isLoading: false, messages: [] });
    expect(controller.rootStore.getSnapshot().error).toBeInstanceOf(TypeError);
    await controller.submit({ messages: "valid" }, { ...FAST, multitaskStrategy: "reject" });
    expect(controller.rootStore.getSnapshot().messages.map(textOf)).toEqual(["valid", textReply("valid")]);
  });

  it("submit({ threadId }) switches to that thread first", async () => {
    const seed = suite.make("text");
    await seed.submit({ messages: "on the seed thread" }, FAST);
    const threadId = seed.rootStore.getSnapshot().threadId!;
    const controller = suite.make("text");
    await controller.submit({ messages: "elsewhere" }, FAST);
    await controller.submit({ messages: "back" }, { ...FAST, threadId });
    const snapshot = controller.rootStore.getSnapshot();
    expect(snapshot.threadId).toBe(threadId);
    expect(snapshot.messages.map(textOf)).toEqual(["on the seed thread", textReply("on the seed thread"), "back", textReply("back")]);
  });
});
