/**
 * Scenarios: the submission queue, stop vs disconnect, re-attaching after a reload.
 */
import { expect, it } from "vitest";
import { paced, untilReply, type ScenarioApp, type ScenarioSession } from "./session.js";
import { pause } from "./seed.js";

const LAST_SLOW_WORD = "word200";

/** Waits until the last AI message shows at least `words` words. */
async function untilWords(app: ScenarioApp, words: number) {
  return app.until((view) => {
    const text = view.messages.filter((message) => message.type === "ai").at(-1)?.text ?? "";
    expect(text.split(" ").length).toBeGreaterThanOrEqual(words);
  });
}

function lastAiText(app: ScenarioApp): string {
  return app.view().messages.filter((message) => message.type === "ai").at(-1)?.text ?? "";
}


/** Registers the run-control scenarios. */
export function runControlScenarios(session: ScenarioSession): void {
  it("queues submits with enqueue and cancels one", async () => {
    const app = await session.mount("slow", { views: { queue: true } });
    const first = app.actions.submit({ messages: "first" }, paced(4));
    await untilWords(app, 2);
    void app.actions.submit({ messages: "second" }, paced(1, { multitaskStrategy: "enqueue" }));
    void app.actions.submit({ messages: "third" }, paced(1, { multitaskStrategy: "enqueue" }));
    const queued = await app.until((view) => expect(view.queue).toHaveLength(2));
    await app.actions.cancelQueued(queued.queue[0]!);
    await app.until((view) => expect(view.queue).toHaveLength(1));
    await first;
    const view = await app.until((current) => {
      expect(current.queue).toHaveLength(0);
      expect(current.isLoading).toBe(false);
      expect(current.messages).toHaveLength(4);
      expect(current.messages.at(-1)!.text).toContain(LAST_SLOW_WORD);
    });
    expect(view.messages.filter((message) => message.type === "human").map((message) => message.text)).toEqual(["first", "third"]);
  });

  it("stop cancels the run on the server", async () => {
    const app = await session.mount("slow");
    void app.actions.submit({ messages: "go" }, paced(15));
    await untilWords(app, 3);
    await app.actions.stop();
    const stopped = await app.until((view) => expect(view.isLoading).toBe(false));
    const frozen = lastAiText(app);
    await pause(300);
    expect(lastAiText(app)).toBe(frozen);
    // A reload finds the run ended (the cancel may still be landing on a loaded server): nothing
    // keeps streaming, and the reply never completed.
    const reloaded = await session.mount("slow", { threadId: stopped.threadId });
    await reloaded.until((current) => {
      expect(current.isThreadLoading).toBe(false);
      expect(current.isLoading).toBe(false);
      expect(current.messages.length).toBeGreaterThanOrEqual(1);
    });
    const settled = lastAiText(reloaded);
    await pause(300);
    expect(reloaded.view().isLoading).toBe(false);
    expect(lastAiText(reloaded)).toBe(settled);
    expect(reloaded.view().messages.some((message) => message.text.includes(LAST_SLOW_WORD))).toBe(false);
  });

  it("disconnect leaves the run going; a reload sees it finish", async () => {
    const app = await session.mount("slow");
    void app.actions.submit({ messages: "go" }, paced(8));
    await untilWords(app, 3);
    await app.actions.disconnect();
    const disconnected = await app.until((view) => expect(view.isLoading).toBe(false));
    const frozen = lastAiText(app);
    await pause(200);
    expect(lastAiText(app)).toBe(frozen);
    const reloaded = await session.mount("slow", { threadId: disconnected.threadId });
    await untilReply(reloaded, LAST_SLOW_WORD);
    expect(lastAiText(app)).toBe(frozen);
  });

  it("a reload re-attaches to the run in flight", async () => {
    const app = await session.mount("slow");
    void app.actions.submit({ messages: "keep going" }, paced(10));
    const streaming = await untilWords(app, 3);
    await app.unmount();
    const reloaded = await session.mount("slow", { threadId: streaming.threadId });
    const attached = await reloaded.until((view) => {
      expect(view.isLoading).toBe(true);
      expect(view.messages.filter((message) => message.type === "ai").at(-1)?.text ?? "").toContain("word");
    });
    expect(attached.messages[0]).toMatchObject({ type: "human", text: "keep going" });
    const done = await untilReply(reloaded, LAST_SLOW_WORD);
    expect(done.messages.map((message) => message.type)).toEqual(["human", "ai"]);
  });
}
