import { afterEach, describe, expect, it, vi } from "vitest";
import { FAILING_ERROR_MESSAGE } from "../../../../apps/agent-server/src/graphs/failing";
import { textReply } from "../../../../apps/agent-server/src/graphs/text";
import type { StreamController } from "../../src/controller/stream-controller";
import { TRANSPORTS } from "../support";
import { FAST, makeController, restClient, textOf } from "./harness";

describe.each(TRANSPORTS)("StreamController streaming over %s", (transport) => {
  const controllers: StreamController[] = [];
  const track = <T extends StreamController>(controller: T): T => {
    controllers.push(controller);
    return controller;
  };
  afterEach(async () => {
    await Promise.all(controllers.splice(0).map((controller) => controller.dispose()));
  });

  it("streams a text reply into messages and values, then settles isLoading", async () => {
    const onThreadId = vi.fn();
    const onCompleted = vi.fn();
    const controller = track(makeController(transport, "text", { onThreadId, onCompleted }));
    const snapshots = new Set<unknown>();
    controller.rootStore.subscribe(() => snapshots.add(controller.rootStore.getSnapshot().messages));
    const done = controller.submit({ messages: "hello" }, { config: { configurable: { token_delay_ms: 2 } } });
    expect(controller.rootStore.getSnapshot().isLoading).toBe(true);
    expect(controller.rootStore.getSnapshot().messages.map(textOf)).toEqual(["hello"]);
    await done;
    const snapshot = controller.rootStore.getSnapshot();
    expect(snapshot.isLoading).toBe(false);
    expect(snapshot.error).toBeUndefined();
    expect(snapshot.messages.map((message) => message.getType())).toEqual(["human", "ai"]);
    expect(textOf(snapshot.messages[1])).toBe(textReply("hello"));
    expect(snapshot.values.messages).toBe(snapshot.messages);
    expect(onThreadId).toHaveBeenCalledWith(snapshot.threadId);
    expect(onCompleted).toHaveBeenCalledWith({ runId: expect.any(String), reason: "success" });
    // Tokens were visible before the end (several distinct message arrays were published).
    expect(snapshots.size).toBeGreaterThan(2);
    const state = await restClient().threads.getState(snapshot.threadId!);
    expect((state?.values as { messages: unknown[] }).messages).toHaveLength(2);
  });

  it("keeps the human message instance once the server echoed it", async () => {
    const controller = track(makeController(transport, "text"));
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

  it("assembles tool calls and the tool result", async () => {
    const controller = track(makeController(transport, "tool_agent"));
    await controller.submit({ messages: "What's the weather in Paris?" }, FAST);
    const snapshot = controller.rootStore.getSnapshot();
    expect(snapshot.error).toBeUndefined();
    expect(snapshot.toolCalls.length).toBeGreaterThan(0);
    expect(snapshot.toolCalls.every((call) => call.status === "finished")).toBe(true);
    const types = snapshot.messages.map((message) => message.getType());
    expect(types[0]).toBe("human");
    expect(types).toContain("tool");
    expect(types.at(-1)).toBe("ai");
  });

  it("surfaces a failing graph's error and clears isLoading", async () => {
    const onError = vi.fn();
    const onCompleted = vi.fn();
    const controller = track(makeController(transport, "failing", { onCompleted }));
    await controller.submit({ messages: "boom" }, { ...FAST, onError });
    const snapshot = controller.rootStore.getSnapshot();
    expect(snapshot.isLoading).toBe(false);
    expect(snapshot.error).toBeInstanceOf(Error);
    expect((snapshot.error as Error).message).toContain(FAILING_ERROR_MESSAGE);
    expect(onError).toHaveBeenCalledWith(snapshot.error);
    expect(onCompleted).toHaveBeenCalledWith({ runId: expect.any(String), reason: "error" });
  });
});
