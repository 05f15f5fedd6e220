import { describe, expect, it, vi } from "vitest";
import { slowReply, SLOW_TOKEN_COUNT } from "../../../../apps/agent-server/src/graphs/slow";
import { textReply } from "../../../../apps/agent-server/src/graphs/text";
import { RunInFlightError } from "../../src/controller/index";
import { HttpError } from "../../src/protocol/errors";
import { TRANSPORTS } from "../support";
import { FAST, poll, serverMessages, sleep, textOf, tokenDelay, useControllers, waitFor } from "./harness";

/** Longer than a whole `slow` run at `delayMs` per token: a run that was not cancelled has finished by then. */
const afterFullRun = (delayMs: number) => sleep(SLOW_TOKEN_COUNT * delayMs + 800);

describe.each(TRANSPORTS)("StreamController run control over %s", (transport) => {
  const suite = useControllers(transport);

  it("stop() cancels the run on the server and freezes the transcript", async () => {
    const onCompleted = vi.fn();
    const controller = suite.make("slow", { onCompleted });
    const done = controller.submit({ messages: "go" }, tokenDelay(5));
    await waitFor(controller, (snapshot) => textOf(snapshot.messages[1]).length > 10);
    await controller.stop();
    expect(controller.rootStore.getSnapshot().isLoading).toBe(false);
    await done;
    const frozen = textOf(controller.rootStore.getSnapshot().messages[1]);
    expect(frozen.length).toBeLessThan(slowReply().length);
    expect(onCompleted).toHaveBeenCalledWith({ runId: expect.any(String), reason: "stopped" });
    await afterFullRun(5);
    expect(textOf(controller.rootStore.getSnapshot().messages[1])).toBe(frozen);
    // Cancelled: the agent step never finished on the server, only the human message is stored.
    expect(await serverMessages(controller.rootStore.getSnapshot().threadId!)).toHaveLength(1);
    // The next run continues from what the server stored: the stopped partial reply leaves.
    await controller.submit({ messages: "again" }, tokenDelay(0));
    expect(controller.rootStore.getSnapshot().messages.map(textOf)).toEqual(["go", "again", slowReply()]);
  });

  it("stop() whose cancel request fails says so: the error in state and onError, not a silent success", async () => {
    const proxy = await suite.proxy();
    const onError = vi.fn();
    const controller = suite.make("slow", { apiUrl: proxy.url, onError });
    const done = controller.submit({ messages: "go" }, tokenDelay(5));
    await waitFor(controller, (snapshot) => textOf(snapshot.messages[1]).length > 10);
    proxy.setFaults({ failNextRequests: { count: 1, status: 500, path: "/cancel" } });
    await controller.stop();
    await done;
    const snapshot = controller.rootStore.getSnapshot();
    expect(snapshot.isLoading).toBe(false);
    expect((snapshot.error as HttpError).status).toBe(500);
    expect(onError).toHaveBeenCalledWith(snapshot.error);
    expect(proxy.stats().injectedFailures).toBe(1);
  });

  it("stop() also cancels a run resumed with respond()", async () => {
    const controller = suite.make("hitl");
    await controller.submit({ messages: "send the report" }, FAST);
    await controller.respond({ decision: "approve" }, tokenDelay(100));
    await waitFor(controller, (snapshot) => textOf(snapshot.messages[3]).length > 0);
    await controller.stop();
    expect(controller.rootStore.getSnapshot().isLoading).toBe(false);
    await sleep(2_500);
    // Human, proposal, tool result: the final answer was never written.
    const stored = await serverMessages(controller.rootStore.getSnapshot().threadId!);
    expect(stored.map((message) => message.type)).toEqual(["human", "ai", "tool"]);
  });

  it("stop() also cancels a run it re-attached to with hydrate()", async () => {
    const starter = suite.make("slow");
    void starter.submit({ messages: "go" }, tokenDelay(10));
    await waitFor(starter, (snapshot) => textOf(snapshot.messages[1]).length > 10);
    const threadId = starter.rootStore.getSnapshot().threadId!;
    const onCompleted = vi.fn();
    const controller = suite.make("slow", { threadId, onCompleted });
    await controller.hydrationPromise;
    expect(controller.rootStore.getSnapshot().isLoading).toBe(true);
    await controller.stop();
    expect(onCompleted).toHaveBeenCalledWith({ runId: expect.any(String), reason: "stopped" });
    // The run that was started elsewhere ends there too.
    await waitFor(starter, (snapshot) => !snapshot.isLoading);
    await afterFullRun(10);
    expect(await serverMessages(threadId)).toHaveLength(1);
  });

  it("disconnect() leaves the run going on the server", async () => {
    const controller = suite.make("slow");
    void controller.submit({ messages: "go" }, tokenDelay(2));
    await waitFor(controller, (snapshot) => textOf(snapshot.messages[1]).length > 0);
    await controller.disconnect();
    expect(controller.rootStore.getSnapshot().isLoading).toBe(false);
    expect(controller.getThread()).toBeUndefined();
    const threadId = controller.rootStore.getSnapshot().threadId!;
    await poll(async () => (await serverMessages(threadId)).length === 2);
    expect(textOf(controller.rootStore.getSnapshot().messages[1]).length).toBeLessThan(slowReply().length);
    // The next run shows the reply the server finished meanwhile, in its place.
    await controller.submit({ messages: "next" }, tokenDelay(0));
    expect(controller.rootStore.getSnapshot().messages.map(textOf)).toEqual(["go", slowReply(), "next", slowReply()]);
    // hydrate() agrees.
    await controller.hydrate();
    expect(controller.rootStore.getSnapshot().messages.map(textOf)).toEqual(["go", slowReply(), "next", slowReply()]);
  });

  it('multitaskStrategy "reject" throws while a run is in flight', async () => {
    const controller = suite.make("slow");
    const first = controller.submit({ messages: "go" }, tokenDelay(5));
    await expect(controller.submit({ messages: "again" }, { multitaskStrategy: "reject" })).rejects.toBeInstanceOf(
      RunInFlightError,
    );
    expect(controller.rootStore.getSnapshot().messages.map(textOf)).not.toContain("again");
    await controller.stop();
    await first;
  });

  it('multitaskStrategy "enqueue" drains the queue in order, showing each input only when it runs', async () => {
    const controller = suite.make("text");
    const first = controller.submit({ messages: "one" }, tokenDelay(3));
    await controller.submit({ messages: "two" }, { ...FAST, multitaskStrategy: "enqueue" });
    await controller.submit({ messages: "three" }, { ...FAST, multitaskStrategy: "enqueue" });
    expect(controller.queueStore.getSnapshot().map((entry) => (entry.values as { messages: string }).messages)).toEqual([
      "two",
      "three",
    ]);
    expect(controller.rootStore.getSnapshot().messages.map(textOf)).toEqual(["one"]);
    await first;
    const done = await waitFor(
      controller,
      (snapshot) => !snapshot.isLoading && controller.queueStore.getSnapshot().length === 0 && snapshot.messages.length === 6,
    );
    expect(done.messages.map(textOf)).toEqual(["one", textReply("one"), "two", textReply("two"), "three", textReply("three")]);
  });

  it("cancelQueued() and clearQueue() remove queued submits before they run", async () => {
    const controller = suite.make("text");
    const first = controller.submit({ messages: "one" }, tokenDelay(3));
    await controller.submit({ messages: "two" }, { ...FAST, multitaskStrategy: "enqueue" });
    await controller.submit({ messages: "three" }, { ...FAST, multitaskStrategy: "enqueue" });
    await controller.submit({ messages: "four" }, { ...FAST, multitaskStrategy: "enqueue" });
    const [, three] = controller.queueStore.getSnapshot();
    expect(await controller.cancelQueued(three!.id)).toBe(true);
    expect(await controller.cancelQueued("not-queued")).toBe(false);
    expect(controller.queueStore.getSnapshot().map((entry) => (entry.values as { messages: string }).messages)).toEqual([
      "two",
      "four",
    ]);
    await controller.clearQueue();
    expect(controller.queueStore.getSnapshot()).toEqual([]);
    await first;
    await sleep(300);
    expect(controller.rootStore.getSnapshot().messages.map(textOf)).toEqual(["one", textReply("one")]);
  });

  it("rollback (default) keeps isLoading true and runs the newest submit", async () => {
    const controller = suite.make("slow");
    const loadingValues: boolean[] = [];
    controller.rootStore.subscribe(() => loadingValues.push(controller.rootStore.getSnapshot().isLoading));
    const first = controller.submit({ messages: "first" }, tokenDelay(20));
    await waitFor(controller, (snapshot) => textOf(snapshot.messages[1]).length > 0);
    loadingValues.length = 0;
    const second = controller.submit({ messages: "second" }, tokenDelay(0));
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

  it('multitaskStrategy "interrupt" stops the run in flight and continues from its state', async () => {
    const onCompleted = vi.fn();
    const controller = suite.make("slow", { onCompleted });
    const first = controller.submit({ messages: "first" }, tokenDelay(20));
    await waitFor(controller, (snapshot) => textOf(snapshot.messages[1]).length > 0);
    const loadingValues: boolean[] = [];
    controller.rootStore.subscribe(() => loadingValues.push(controller.rootStore.getSnapshot().isLoading));
    const second = controller.submit({ messages: "second" }, { ...tokenDelay(0), multitaskStrategy: "interrupt" });
    // The first run's partial reply left at once.
    expect(controller.rootStore.getSnapshot().messages.map(textOf)).toEqual(["first", "second"]);
    await first;
    expect(controller.rootStore.getSnapshot().isLoading).toBe(true);
    await second;
    const snapshot = controller.rootStore.getSnapshot();
    expect(loadingValues.slice(0, -1).every(Boolean)).toBe(true);
    expect(snapshot.messages.map(textOf)).toEqual(["first", "second", slowReply()]);
    const stored = await serverMessages(snapshot.threadId!);
    expect(stored.map((message) => message.type)).toEqual(["human", "human", "ai"]);
    expect(onCompleted.mock.calls.map(([info]) => info.reason)).toEqual(["stopped", "success"]);
  });
});
