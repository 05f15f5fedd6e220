/**
 * Regressions first seen in the demo app (browser e2e), reproduced on the demo graph in Node so a
 * core change that breaks them fails here, next to the code.
 */
import { describe, expect, it, vi } from "vitest";
import { TRANSPORTS } from "../support";
import { serverMessages, textOf, tokenDelay, useControllers, waitFor } from "./harness";

const QUESTION =
  "a three day offsite for twelve people with a quiet venue, one big room, two breakout rooms and good coffee";

/** The demo's first reply opens with this sentence (its first model turn, before the weather tool). */
const OPENING = "Let me check the weather in Paris";

describe.each(TRANSPORTS)("demo graph regressions over %s", (transport) => {
  const suite = useControllers(transport);

  it("a controller re-attached mid-reply shows the whole reply once, then the approval request", async () => {
    const starter = suite.make("demo");
    void starter.submit({ messages: QUESTION }, tokenDelay(4));
    await waitFor(starter, (snapshot) => textOf(snapshot.messages[1]).length > 20);
    const threadId = starter.rootStore.getSnapshot().threadId!;

    // A page reload: a new controller hydrates the thread while the reply is still streaming.
    const reloaded = suite.make("demo", { threadId });
    await reloaded.hydrationPromise;
    expect(reloaded.rootStore.getSnapshot().isLoading).toBe(true);
    const interrupted = await waitFor(reloaded, (snapshot) => snapshot.interrupts.length > 0, 20_000);
    await waitFor(reloaded, (snapshot) => !snapshot.isLoading);

    const stored = await serverMessages(threadId);
    const shown = reloaded.rootStore.getSnapshot().messages;
    // Every message the server holds, in order, with its full text: no tail lost, nothing twice.
    expect(shown.map((message) => message.id)).toEqual(stored.map((message) => message.id));
    const firstReply = textOf(shown[1]);
    expect(firstReply.startsWith(OPENING)).toBe(true);
    expect(firstReply.split(OPENING)).toHaveLength(2);
    expect(firstReply).toContain(`${QUESTION}.`);
    expect(firstReply).toBe(textOf(starter.rootStore.getSnapshot().messages[1]));
    expect(interrupted.interrupts).toHaveLength(1);
  });

  it("stop() during the first reply ends loading and reports the run as stopped", async () => {
    const onCompleted = vi.fn();
    const controller = suite.make("demo", { onCompleted });
    void controller.submit({ messages: QUESTION }, tokenDelay(4));
    await waitFor(controller, (snapshot) => textOf(snapshot.messages[1]).length > 20);
    await controller.stop();
    expect(controller.rootStore.getSnapshot().isLoading).toBe(false);
    expect(onCompleted).toHaveBeenCalledWith({ runId: expect.any(String), reason: "stopped" });
    const stoppedAt = textOf(controller.rootStore.getSnapshot().messages[1]).length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Frozen: nothing of the cancelled run arrives afterwards.
    expect(textOf(controller.rootStore.getSnapshot().messages[1]).length).toBe(stoppedAt);
  });
});
