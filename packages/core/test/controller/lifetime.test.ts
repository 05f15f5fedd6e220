import { describe, expect, it } from "vitest";
import { slowReply } from "../../../../apps/agent-server/src/graphs/slow";
import type { RootSnapshot } from "../../src/controller/types";
import type { ThreadStream } from "../../src/thread/thread-stream";
import { TRANSPORTS } from "../support";
import { FAST, sleep, textOf, tokenDelay, useControllers } from "./harness";

describe.each(TRANSPORTS)("StreamController lifetime and notifications over %s", (transport) => {
  const suite = useControllers(transport);

  it("dispose() closes the connection, leaves no stream open on the server, and ignores later calls", async () => {
    const proxy = await suite.proxy();
    const controller = suite.make("text", { apiUrl: proxy.url });
    let thread: ThreadStream | undefined;
    controller.subscribeThread((current) => (thread = current ?? thread));
    await controller.submit({ messages: "hi" }, FAST);
    expect(thread?.closed).toBe(false);
    expect(proxy.stats().openStreams).toBe(1);
    await controller.dispose();
    expect(thread?.closed).toBe(true);
    expect(controller.getThread()).toBeUndefined();
    await proxy.waitForOpenStreams(0, 2_000);
    await controller.submit({ messages: "ignored" }, FAST);
    expect(controller.rootStore.getSnapshot().messages).toHaveLength(2);
    expect(proxy.stats().openStreams).toBe(0);
  });

  it("activate(): a cleanup followed by activate() in the same tick keeps the controller (StrictMode)", async () => {
    const proxy = await suite.proxy();
    const controller = suite.make("text", { apiUrl: proxy.url });
    const firstCleanup = controller.activate();
    await controller.submit({ messages: "one" }, FAST);
    firstCleanup();
    const secondCleanup = controller.activate();
    await sleep(50);
    expect(proxy.stats().openStreams).toBe(1);
    await controller.submit({ messages: "two" }, FAST);
    expect(controller.rootStore.getSnapshot().messages).toHaveLength(4);

    secondCleanup();
    // Disposal waits for a later macrotask...
    expect(proxy.stats().openStreams).toBe(1);
    expect(controller.getThread()).toBeDefined();
    // ...and then closes everything.
    await proxy.waitForOpenStreams(0, 2_000);
    expect(controller.getThread()).toBeUndefined();
    await controller.submit({ messages: "three" }, FAST);
    expect(controller.rootStore.getSnapshot().messages).toHaveLength(4);
  });

  async function recordRun(throttleMs: number) {
    const controller = suite.make("slow", { throttleMs });
    const snapshots: RootSnapshot[] = [];
    controller.rootStore.subscribe(() => snapshots.push(controller.rootStore.getSnapshot()));
    const started = Date.now();
    await controller.submit({ messages: "go" }, tokenDelay(5));
    return { snapshots, durationMs: Date.now() - started };
  }

  it("throttleMs spaces notifications out (leading and trailing) and delivers the end at once", async () => {
    const unthrottled = await recordRun(0);
    const throttled = await recordRun(50);
    expect(throttled.snapshots.length).toBeLessThan(unthrottled.snapshots.length / 3);
    expect(throttled.snapshots.length).toBeLessThanOrEqual(Math.ceil(throttled.durationMs / 50) + 10);
    // Not a trailing-only debounce: the reply grows visibly while it streams.
    const partial = throttled.snapshots.filter((snapshot) => {
      const length = textOf(snapshot.messages[1]).length;
      return length > 0 && length < slowReply().length;
    });
    expect(partial.length).toBeGreaterThan(3);
    for (const { snapshots } of [unthrottled, throttled]) {
      // The notification that reports the end already carries the whole reply; nothing follows it.
      const end = snapshots.findIndex((snapshot) => !snapshot.isLoading);
      expect(end).toBe(snapshots.length - 1);
      expect(textOf(snapshots[end]!.messages[1])).toBe(slowReply());
    }
  });
});
