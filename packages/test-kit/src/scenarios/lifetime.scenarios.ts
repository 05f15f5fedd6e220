/**
 * Scenarios: thread switching, strict double mount, connection cleanup on unmount.
 */
import { expect, it } from "vitest";
import { paced, untilReply, type ScenarioSession } from "./session.js";
import { pause } from "./seed.js";


/** Registers the lifetime scenarios. */
export function lifetimeScenarios(session: ScenarioSession): void {
  it("switching threads mid-stream shows only the selected thread", async () => {
    const app = await session.mount("slow", { threadId: null });
    await app.actions.submit({ messages: "thread one" }, paced(1));
    const first = await untilReply(app, "word200");
    await app.setThreadId(null);
    await app.until((view) => expect(view.messages).toHaveLength(0));
    void app.actions.submit({ messages: "thread two" }, paced(10));
    const second = await app.until((view) => {
      expect(view.threadId).not.toBe("");
      expect(view.messages.filter((message) => message.type === "ai").at(-1)?.text ?? "").toContain("word3");
    });
    expect(second.threadId).not.toBe(first.threadId);
    await app.setThreadId(first.threadId);
    const back = await app.until((view) => {
      expect(view.threadId).toBe(first.threadId);
      expect(view.isThreadLoading).toBe(false);
      expect(view.messages).toHaveLength(2);
    });
    expect(back.messages[0]!.text).toBe("thread one");
    // The other thread keeps streaming on the server: none of it may leak in.
    await pause(300);
    const later = app.view();
    expect(later.messages.map((message) => message.text)).toEqual(back.messages.map((message) => message.text));
    expect(later.isLoading).toBe(false);
    // Switching to the second thread again re-attaches to its run.
    await app.setThreadId(second.threadId);
    const again = await untilReply(app, "word200");
    expect(again.messages[0]!.text).toBe("thread two");
  });

  it("survives a strict double mount with one connection", async () => {
    const counter = await session.counter();
    const app = await session.mount("text", { strictMode: true, apiUrl: counter.url });
    await app.actions.submit({ messages: "strict hello" }, paced(2));
    const view = await untilReply(app, 'You said "strict hello"');
    expect(view.messages.map((message) => message.type)).toEqual(["human", "ai"]);
    expect(await counter.totalOpened()).toBe(1);
    await app.unmount();
    await expect.poll(() => counter.openConnections(), { timeout: 10_000 }).toBe(0);
  });

  it("unmount closes every server connection", async () => {
    const counter = await session.counter();
    const app = await session.mount("slow", { apiUrl: counter.url, views: { queue: true } });
    void app.actions.submit({ messages: "stream forever" }, paced(20));
    await app.until((view) => expect(view.messages.filter((message) => message.type === "ai")).toHaveLength(1));
    await expect.poll(() => counter.openConnections(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    await app.unmount();
    await expect.poll(() => counter.openConnections(), { timeout: 10_000 }).toBe(0);
  });

  it("unmount while a thread is re-attaching closes its connection too", async () => {
    const starter = await session.mount("slow");
    void starter.actions.submit({ messages: "long run" }, paced(20));
    const running = await starter.until((view) => expect(view.messages).toHaveLength(2));
    await starter.unmount();
    const counter = await session.counter();
    const app = await session.mount("slow", { apiUrl: counter.url, threadId: running.threadId });
    await app.until((view) => expect(view.isLoading).toBe(true));
    await expect.poll(() => counter.openConnections(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    await app.unmount();
    await expect.poll(() => counter.openConnections(), { timeout: 10_000 }).toBe(0);
  });
}
