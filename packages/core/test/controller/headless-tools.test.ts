import { describe, expect, it } from "vitest";
import { headlessTool, type HeadlessToolEvent } from "../../src/headless-tools/index";
import { TRANSPORTS } from "../support";
import { FAST, textOf, useControllers, waitFor } from "./harness";

describe.each(TRANSPORTS)("StreamController with client-side tools over %s", (transport) => {
  const suite = useControllers(transport);

  it("runs tool interrupts on the client, resumes once, and never shows them as interrupts", async () => {
    const events: HeadlessToolEvent[] = [];
    const seenInterrupts: number[] = [];
    const controller = suite.make("headless_tools", {
      tools: [
        headlessTool({ name: "get_location", execute: async () => ({ city: "Paris" }) }),
        headlessTool({ name: "get_local_time", execute: () => "14:05" }),
      ],
      onTool: (event) => events.push(event),
    });
    controller.rootStore.subscribe(() => seenInterrupts.push(controller.rootStore.getSnapshot().interrupts.length));
    await controller.submit({ messages: [{ type: "human", content: "where and when am I?" }] }, FAST);
    const final = await waitFor(controller, (snapshot) => !snapshot.isLoading && textOf(snapshot.messages.at(-1)).includes("Paris"));
    expect(textOf(final.messages.at(-1))).toContain("14:05");
    expect(Math.max(0, ...seenInterrupts)).toBe(0);
    expect(final.interrupt).toBeUndefined();
    const succeeded = events.filter((event) => event.type === "success").map((event) => event.toolCall.name);
    expect(succeeded.sort()).toEqual(["get_local_time", "get_location"]);
  });

  it("exposes subagents started through task tool calls in subagentStore", async () => {
    const controller = suite.make("deep_agent");
    await controller.submit({ messages: [{ type: "human", content: "tidal energy" }] }, FAST);
    await waitFor(controller, (snapshot) => !snapshot.isLoading && snapshot.messages.length > 2);
    const subagents = [...controller.subagentStore.getSnapshot().values()];
    expect(subagents.map((subagent) => subagent.name).sort()).toEqual(["researcher", "writer"]);
    expect(subagents.every((subagent) => subagent.status === "complete")).toBe(true);
  });
});
