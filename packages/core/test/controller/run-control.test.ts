import { afterEach, describe, expect, it } from "vitest";
import { slowReply } from "../../../../apps/agent-server/src/graphs/slow";
import { textReply } from "../../../../apps/agent-server/src/graphs/text";
import { RunInFlightError } from "../../src/controller/index";
import type { StreamController } from "../../src/controller/stream-controller";
import type { ThreadStream } from "../../src/thread/thread-stream";
import { TRANSPORTS } from "../support";
import { FAST, makeController, restClient, textOf, waitFor } from "./harness";

const slow = (delayMs: number) => ({ config: { configurable: { token_delay_ms: delayMs } } });

async function serverMessageCount(threadId: string): Promise<number> {
  const state = await restClient().threads.getState(threadId);
  return ((state?.values as { messages?: unknown[] } | undefined)?.messages ?? []).length;
}

async function poll(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("poll timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(TRANSPORTS)("StreamController run control over %s", (transport) => {
  const controllers: StreamController[] = [];
  const track = <T extends StreamController>(controller: T): T => {
    controllers.push(controller);
    return controller;
  };
  afterEach(async () => {
    await Promise.all(controllers.splice(0).map((controller) => controller.dispose()));
  });

  it("stop() cancels the run on the server and freezes the transcript", async () => {
    const controller = track(makeController(transport, "slow"));
    const done = controller.submit({ messages: "go" }, slow(20));
    await waitFor(controller, (snapshot) => textOf(snapshot.messages[1]).length > 10);
    await controller.stop();
    expect(controller.rootStore.getSnapshot().isLoading).toBe(false);
    await done;
    const frozen = textOf(controller.rootStore.getSnapshot().messages[1]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(textOf(controller.rootStore.getSnapshot().messages[1])).toBe(frozen);
    expect(frozen.length).toBeLessThan(slowReply().length);
    // The server never finished the agent step: only the human message is stored.
    expect(await serverMessageCount(controller.rootStore.getSnapshot().threadId!)).toBe(1);
  });

  it("disconnect() leaves the run going on the server", async () => {
    const controller = track(makeController(transport, "slow"));
    void controller.submit({ messages: "go" }, slow(2));
    await waitFor(controller, (snapshot) => textOf(snapshot.messages[1]).length > 0);
    await controller.disconnect();
    expect(controller.rootStore.getSnapshot().isLoading).toBe(false);
    expect(controller.getThread()).toBeUndefined();
    const threadId = controller.rootStore.getSnapshot().threadId!;
    await poll(async () => (await serverMessageCount(threadId)) === 2);
    expect(textOf(controller.rootStore.getSnapshot().messages[1]).length).toBeLessThan(slowReply().length);
  });

  it('multitaskStrategy "reject" throws while a run is in flight', async () => {
    const controller = track(makeController(transport, "slow"));
    const first = controller.submit({ messages: "go" }, slow(5));
    await expect(controller.submit({ messages: "again" }, { multitaskStrategy: "reject" })).rejects.toBeInstanceOf(
      RunInFlightError,
    );
    await controller.stop();
    await first;
  });

  it('multitaskStrategy "enqueue" drains the queue in order', async () => {
    const controller = track(makeController(transport, "text"));
    const first = controller.submit({ messages: "one" }, slow(3));
    await controller.submit({ messages: "two" }, { ...FAST, multitaskStrategy: "enqueue" });
    await controller.submit({ messages: "three" }, { ...FAST, multitaskStrategy: "enqueue" });
    expect(controller.queueStore.getSnapshot().map((entry) => (entry.values as { messages: string }).messages)).toEqual([
      "two",
      "three",
    ]);
    await first;
    const done = await waitFor(
      controller,
      (snapshot) => !snapshot.isLoading && controller.queueStore.getSnapshot().length === 0 && snapshot.messages.length === 6,
    );
    expect(done.messages.map(textOf)).toEqual(["one", textReply("one"), "two", textReply("two"), "three", textReply("three")]);
  });

  it("rollback (default) keeps isLoading true and runs the newest submit", async () => {
    const controller = track(makeController(transport, "slow"));
    const loadingValues: boolean[] = [];
    controller.rootStore.subscribe(() => loadingValues.push(controller.rootStore.getSnapshot().isLoading));
    const first = controller.submit({ messages: "first" }, slow(20));
    await waitFor(controller, (snapshot) => textOf(snapshot.messages[1]).length > 0);
    loadingValues.length = 0;
    const second = controller.submit({ messages: "second" }, slow(0));
    await first;
    // The replaced run's end never cleared the flag while the new run was in flight.
    expect(controller.rootStore.getSnapshot().isLoading).toBe(true);
    await second;
    const snapshot = controller.rootStore.getSnapshot();
    expect(snapshot.isLoading).toBe(false);
    expect(loadingValues.slice(0, -1).every(Boolean)).toBe(true);
    expect(textOf(snapshot.messages.at(-1))).toBe(slowReply());
    expect(snapshot.messages.filter((message) => message.getType() === "human").map(textOf)).toContain("second");
  });

  it("dispose() closes the connection", async () => {
    const controller = track(makeController(transport, "text"));
    let thread: ThreadStream | undefined;
    controller.subscribeThread((current) => (thread = current ?? thread));
    await controller.submit({ messages: "hi" }, FAST);
    expect(thread?.closed).toBe(false);
    await controller.dispose();
    expect(thread?.closed).toBe(true);
    expect(controller.getThread()).toBeUndefined();
    // A disposed controller ignores further calls.
    await controller.submit({ messages: "ignored" }, FAST);
    expect(controller.rootStore.getSnapshot().messages).toHaveLength(2);
  });
});
