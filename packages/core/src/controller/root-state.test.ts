import { describe, expect, it } from "vitest";
import type { ProtocolEvent } from "../protocol/types";
import { NotificationScheduler } from "../store/notification-scheduler";
import { RootMessageProjection } from "./root-message-projection";
import { RootState } from "./root-state";
import { RootToolCalls } from "./root-tool-calls";

const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function build(messagesKey = "messages") {
  const scheduler = new NotificationScheduler();
  const root = new RootState<Record<string, unknown>, unknown>(
    scheduler,
    { interrupts: [], isLoading: false, isThreadLoading: false, error: undefined, threadId: null },
    {},
  );
  const conversation = new RootMessageProjection(messagesKey, {}, root.markDirty);
  root.attach(conversation, new RootToolCalls(root.markDirty));
  let notifications = 0;
  root.store.subscribe(() => (notifications += 1));
  return { root, conversation, notifications: () => notifications };
}

const message = (seq: number, data: Record<string, unknown>): ProtocolEvent => ({
  type: "event",
  method: "messages",
  seq,
  params: { namespace: [], timestamp: 0, data },
});

describe("RootState batching", () => {
  it("a burst of 200 tokens is one notification, visible within one macrotask", async () => {
    const { root, conversation, notifications } = build();
    conversation.handleMessageEvent(message(1, { event: "message-start", id: "a1", role: "ai" }));
    conversation.handleMessageEvent(message(2, { event: "content-block-start", index: 0, content: { type: "text", text: "" } }));
    for (let index = 0; index < 200; index += 1) {
      conversation.handleMessageEvent(message(3 + index, { event: "content-block-delta", index: 0, delta: { type: "text-delta", text: "x" } }));
    }
    expect(notifications()).toBe(0);
    await macrotask();
    expect(notifications()).toBe(1);
    expect(root.store.getSnapshot().messages[0]!.text).toHaveLength(200);
  });

  it("50 values snapshots in one tick are one notification with the last one", async () => {
    const { root, conversation, notifications } = build();
    for (let index = 0; index < 50; index += 1) conversation.applyValues({ cursor: `v${index}`, messages: [] });
    await macrotask();
    expect(notifications()).toBe(1);
    expect(root.store.getSnapshot().values).toMatchObject({ cursor: "v49" });
  });

  it("control changes commit at once, and only when something changed", () => {
    const { root, notifications } = build();
    root.patch({ isLoading: true });
    expect(root.store.getSnapshot().isLoading).toBe(true);
    expect(notifications()).toBe(1);
    root.patch({ isLoading: true });
    root.commit();
    expect(notifications()).toBe(1);
    root.patch({ isLoading: false });
    root.patch({ isLoading: false });
    expect(notifications()).toBe(2);
  });

  it("a custom messages key holds the conversation; values.messages stays unset", async () => {
    const { root, conversation } = build("history");
    conversation.applyValues({ history: [{ type: "human", id: "h1", content: "hi" }] });
    await macrotask();
    const snapshot = root.store.getSnapshot();
    expect(snapshot.values.history).toBe(snapshot.messages);
    expect(snapshot.values.messages).toBeUndefined();
  });
});
