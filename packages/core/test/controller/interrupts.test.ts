import { afterEach, describe, expect, it } from "vitest";
import type { StreamController } from "../../src/controller/stream-controller";
import { TRANSPORTS } from "../support";
import { FAST, makeController, restClient, textOf, waitFor } from "./harness";

describe.each(TRANSPORTS)("StreamController interrupts over %s", (transport) => {
  const controllers: StreamController[] = [];
  const track = <T extends StreamController>(controller: T): T => {
    controllers.push(controller);
    return controller;
  };
  afterEach(async () => {
    await Promise.all(controllers.splice(0).map((controller) => controller.dispose()));
  });

  it.each([
    [{ decision: "approve" }, "Decision: approve"],
    [{ decision: "edit", args: { to: "bob@example.com", subject: "Q3" } }, "bob@example.com"],
    [{ decision: "reject", reason: "not now" }, "Decision: reject"],
  ])("answers the approval interrupt with %j", async (response, expected) => {
    const controller = track(makeController(transport, "hitl"));
    await controller.submit({ messages: "send the report" }, FAST);
    const interrupted = controller.rootStore.getSnapshot();
    expect(interrupted.isLoading).toBe(false);
    expect(interrupted.interrupt?.value).toMatchObject({ type: "approval", action: { name: "send_email" } });
    await controller.respond(response, { config: { configurable: { token_delay_ms: 0 } } });
    expect(controller.rootStore.getSnapshot().interrupts).toEqual([]);
    const done = await waitFor(controller, (snapshot) => !snapshot.isLoading && textOf(snapshot.messages.at(-1)).includes("Review finished"));
    expect(done.messages.map(textOf).join(" ")).toContain(expected);
    expect(done.interrupt).toBeUndefined();
  });

  it("answers two pending interrupts with one respondAll", async () => {
    const controller = track(makeController(transport, "double_interrupt"));
    await controller.submit({ messages: "plan the project" }, FAST);
    const { interrupts } = controller.rootStore.getSnapshot();
    expect(interrupts).toHaveLength(2);
    const answers = Object.fromEntries(
      interrupts.map((entry) => [entry.id, (entry.value as { field: string }).field === "budget" ? "10k" : "June"]),
    );
    await controller.respondAll(answers);
    const done = await waitFor(controller, (snapshot) => !snapshot.isLoading && snapshot.messages.at(-1)?.getType() === "ai");
    expect(done.values.answers).toEqual({ budget: "10k", schedule: "June" });
    expect(done.interrupts).toEqual([]);
  });

  it("hydrates an interrupted thread and resumes it from another controller", async () => {
    const first = track(makeController(transport, "hitl"));
    await first.submit({ messages: "send the report" }, FAST);
    const threadId = first.rootStore.getSnapshot().threadId!;
    const pendingId = first.rootStore.getSnapshot().interrupt!.id;
    await first.dispose();

    const second = track(makeController(transport, "hitl", { threadId }));
    expect(second.rootStore.getSnapshot().isThreadLoading).toBe(true);
    await second.hydrationPromise;
    const hydrated = second.rootStore.getSnapshot();
    expect(hydrated.isThreadLoading).toBe(false);
    expect(hydrated.interrupt?.id).toBe(pendingId);
    expect(hydrated.messages.map((message) => message.getType())).toEqual(["human", "ai"]);
    await second.respond({ decision: "approve" });
    const done = await waitFor(second, (snapshot) => !snapshot.isLoading && textOf(snapshot.messages.at(-1)).includes("Review finished"));
    // The replayed history of the first run did not duplicate or resurrect anything.
    expect(done.messages.map((message) => message.getType())).toEqual(["human", "ai", "tool", "ai"]);
    expect(done.interrupts).toEqual([]);
    const state = await restClient().threads.getState(threadId);
    expect(state?.next).toEqual([]);
  });
});
