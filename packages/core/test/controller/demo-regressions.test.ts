/**
 * Regressions first seen in the demo app (browser e2e), reproduced on the demo graph in Node so a
 * core change that breaks them fails here, next to the code.
 */
import { describe, expect, it, vi } from "vitest";
import type { BaseMessage } from "@langchain/core/messages";
import { coerceMessages } from "../../src/assembly/index";
import { TRANSPORTS } from "../support";
import { serverMessages, textOf, tokenDelay, useControllers, waitFor } from "./harness";

/** Long enough that the reply's first sentence, which quotes it, streams for a few seconds. */
const QUESTION = Array.from({ length: 40 }, (_, index) => `point ${index + 1} of the team offsite plan`).join(", ");

/** The demo's first reply opens with this sentence (its first model turn, before the weather tool). */
const OPENING = "Let me check the weather in Paris";

/** The server's stored first reply, as a message `textOf` reads. */
async function storedFirstReply(threadId: string): Promise<BaseMessage> {
  const stored = await serverMessages(threadId);
  return coerceMessages([stored[1]])[0]!;
}

describe.each(TRANSPORTS)("demo graph regressions over %s", (transport) => {
  const suite = useControllers(transport);

  it("a controller re-attached mid-reply shows the whole reply once, then the approval request", async () => {
    const starter = suite.make("demo");
    void starter.submit({ messages: QUESTION }, tokenDelay(15));
    await waitFor(starter, (snapshot) => textOf(snapshot.messages[1]).length > 40);
    const threadId = starter.rootStore.getSnapshot().threadId!;
    const seenBeforeReload = textOf(starter.rootStore.getSnapshot().messages[1]);
    // A page reload: the page's controller goes away, a new one hydrates the thread mid-reply.
    await starter.dispose();
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
    expect(reloaded.rootStore.getSnapshot().isLoading).toBe(false);
    expect(firstReply.startsWith(seenBeforeReload)).toBe(true);
    expect(firstReply).toBe(textOf(await storedFirstReply(threadId)));
    expect(interrupted.interrupts).toHaveLength(1);
  });

  it("stop() during the first reply ends loading and reports the run as stopped", async () => {
    const onCompleted = vi.fn();
    const controller = suite.make("demo", { onCompleted });
    void controller.submit({ messages: QUESTION }, tokenDelay(15));
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
