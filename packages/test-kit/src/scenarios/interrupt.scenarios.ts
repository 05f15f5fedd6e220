/**
 * Scenarios: human-in-the-loop interrupts.
 */
import { expect, it } from "vitest";
import { paced, untilReply, type ScenarioApp, type ScenarioSession } from "./session.js";

async function untilInterrupted(app: ScenarioApp, count: number) {
  return app.until((view) => {
    expect(view.isLoading).toBe(false);
    expect(view.interrupts).toHaveLength(count);
  });
}

/** Registers the interrupt scenarios. */
export function interruptScenarios(session: ScenarioSession): void {
  const decisions = [
    { name: "approve", response: { decision: "approve" }, expected: "Decision: approve. Ran send_email" },
    {
      name: "edit",
      response: { decision: "edit", args: { to: "grace@example.com", subject: "Edited" } },
      expected: "Decision: edit. Ran send_email with edited args",
    },
    { name: "reject", response: { decision: "reject", reason: "not now" }, expected: "Decision: reject. Did not run send_email" },
  ];

  for (const { name, response, expected } of decisions) {
    it(`resumes an interrupt with ${name}`, async () => {
      const app = await session.mount("hitl");
      await app.actions.submit({ messages: "send the quarterly report" }, paced(2));
      const interrupted = await untilInterrupted(app, 1);
      expect(interrupted.interrupts[0]!.value).toMatchObject({
        type: "approval",
        action: { name: "send_email" },
        allowedDecisions: ["approve", "edit", "reject"],
      });
      await app.actions.respond(response);
      const view = await untilReply(app, "Review finished");
      expect(view.interrupts).toHaveLength(0);
      expect(view.messages.at(-1)!.text).toContain(expected);
      if (name === "edit") expect(view.messages.at(-1)!.text).toContain("grace@example.com");
    });
  }

  it("resumes an interrupt raised two subgraphs deep (nested_interrupt)", async () => {
    const app = await session.mount("nested_interrupt");
    await app.actions.submit({ messages: "publish my draft" }, paced(2));
    const interrupted = await untilInterrupted(app, 1);
    expect(interrupted.interrupts[0]!.value).toMatchObject({
      type: "approval",
      action: { name: "publish", args: { channel: "blog" } },
      allowedDecisions: ["approve", "reject"],
    });
    await app.actions.respond({ decision: "approve" });
    const view = await untilReply(app, "Decision: approve");
    expect(view.interrupts).toHaveLength(0);
    expect(view.messages.at(-1)!.text).toContain("approve");
  });

  it("answers two interrupts at once with respondAll", async () => {
    const app = await session.mount("double_interrupt");
    await app.actions.submit({ messages: "plan the offsite" }, paced(2));
    const view = await untilInterrupted(app, 2);
    const fields = view.interrupts.map((entry) => (entry.value as { field: string }).field).sort();
    expect(fields).toEqual(["budget", "schedule"]);
    const answers: Record<string, string> = {};
    for (const entry of view.interrupts) {
      answers[entry.id] = (entry.value as { field: string }).field === "budget" ? "10k" : "June";
    }
    await app.actions.respondAll(answers);
    const done = await untilReply(app, "Both answers are in");
    expect(done.interrupts).toHaveLength(0);
    expect(done.messages.at(-1)!.text).toContain('budget="10k"');
    expect(done.messages.at(-1)!.text).toContain('schedule="June"');
  });
}
