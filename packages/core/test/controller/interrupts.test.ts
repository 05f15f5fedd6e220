import { HumanMessage } from "@langchain/core/messages";
import { describe, expect, it, vi } from "vitest";
import { TRANSPORTS } from "../support";
import { FAST, restClient, serverMessages, textOf, useControllers, waitFor } from "./harness";

describe.each(TRANSPORTS)("StreamController interrupts over %s", (transport) => {
  const suite = useControllers(transport);

  it.each([
    [{ decision: "approve" }, "Decision: approve"],
    [{ decision: "edit", args: { to: "bob@example.com", subject: "Q3" } }, "bob@example.com"],
    [{ decision: "reject", reason: "not now" }, "Decision: reject"],
  ])("answers the approval interrupt with %j", async (response, expected) => {
    const onCompleted = vi.fn();
    const controller = suite.make("hitl", { onCompleted });
    await controller.submit({ messages: "send the report" }, FAST);
    const interrupted = controller.rootStore.getSnapshot();
    expect(interrupted.isLoading).toBe(false);
    expect(interrupted.interrupt?.value).toMatchObject({ type: "approval", action: { name: "send_email" } });
    expect(interrupted.interrupt?.namespace).toEqual(expect.any(Array));
    expect(onCompleted).toHaveBeenLastCalledWith({ runId: expect.any(String), reason: "interrupt" });
    const firstRunId = onCompleted.mock.lastCall![0].runId;
    await controller.respond(response, FAST);
    expect(controller.rootStore.getSnapshot().interrupts).toEqual([]);
    const done = await waitFor(controller, (snapshot) => !snapshot.isLoading && textOf(snapshot.messages.at(-1)).includes("Review finished"));
    expect(done.messages.map(textOf).join(" ")).toContain(expected);
    expect(done.interrupt).toBeUndefined();
    // The resumed run reports its own completion, with its own server run id.
    expect(onCompleted).toHaveBeenCalledTimes(2);
    const resumed = onCompleted.mock.lastCall![0];
    expect(resumed).toEqual({ runId: expect.any(String), reason: "success" });
    expect(resumed.runId).not.toBe(firstRunId);
  });

  it("respond() without a pending interrupt throws a clear error", async () => {
    const controller = suite.make("text");
    await controller.submit({ messages: "hi" }, FAST);
    await expect(controller.respond({ decision: "approve" })).rejects.toThrow(/No pending interrupt/);
  });

  it("a state update's messages are shown at once and stored with the same ids", async () => {
    const controller = suite.make("double_interrupt");
    await controller.submit({ messages: "plan the project" }, FAST);
    const answers = Object.fromEntries(
      controller.rootStore.getSnapshot().interrupts.map((entry) => [entry.id, (entry.value as { field: string }).field]),
    );
    const note = new HumanMessage("Keep it cheap.");
    const responding = controller.respondAll(answers, { update: { messages: [note] } });
    const shown = controller.rootStore.getSnapshot().messages.at(-1)!;
    expect(textOf(shown)).toBe("Keep it cheap.");
    expect(shown.id).toEqual(expect.any(String));
    expect(note.id).toBeUndefined();
    await responding;
    const done = await waitFor(controller, (snapshot) => !snapshot.isLoading && snapshot.messages.at(-1)?.getType() === "ai");
    expect(done.error).toBeUndefined();
    const stored = await serverMessages(done.threadId!);
    expect(stored.map((message) => message.id)).toContain(shown.id);
    expect(done.messages.filter((message) => message.id === shown.id)).toHaveLength(1);
  });

  it("answers two pending interrupts with one respondAll", async () => {
    const controller = suite.make("double_interrupt");
    await controller.submit({ messages: "plan the project" }, FAST);
    const { interrupts } = controller.rootStore.getSnapshot();
    expect(interrupts).toHaveLength(2);
    const answers = Object.fromEntries(
      interrupts.map((entry) => [entry.id, (entry.value as { field: string }).field === "budget" ? "10k" : "June"]),
    );
    await controller.respondAll(answers);
    expect(controller.rootStore.getSnapshot().interrupts).toEqual([]);
    const done = await waitFor(controller, (snapshot) => !snapshot.isLoading && snapshot.messages.at(-1)?.getType() === "ai");
    expect(done.values.answers).toEqual({ budget: "10k", schedule: "June" });
    expect(done.interrupts).toEqual([]);
  });

  it("hydrates an interrupted thread and resumes it from another controller", async () => {
    const first = suite.make("hitl");
    await first.submit({ messages: "send the report" }, FAST);
    const threadId = first.rootStore.getSnapshot().threadId!;
    const pendingId = first.rootStore.getSnapshot().interrupt!.id;
    await first.dispose();

    const second = suite.make("hitl", { threadId });
    expect(second.rootStore.getSnapshot().isThreadLoading).toBe(true);
    await second.hydrationPromise;
    const hydrated = second.rootStore.getSnapshot();
    expect(hydrated.isThreadLoading).toBe(false);
    expect(hydrated.interrupt?.id).toBe(pendingId);
    expect(hydrated.messages.map((message) => message.getType())).toEqual(["human", "ai"]);
    // The proposed call awaits the decision.
    expect(hydrated.toolCalls.map((call) => [call.name, call.status])).toEqual([["send_email", "running"]]);
    await second.respond({ decision: "approve" });
    const done = await waitFor(second, (snapshot) => !snapshot.isLoading && textOf(snapshot.messages.at(-1)).includes("Review finished"));
    // The replayed history of the first run did not duplicate or resurrect anything.
    expect(done.messages.map((message) => message.getType())).toEqual(["human", "ai", "tool", "ai"]);
    expect(done.interrupts).toEqual([]);
    const state = await restClient().threads.getState(threadId);
    expect(state?.next).toEqual([]);
  });
});
