/**
 * A tool that throws, on the real server: the failure is part of the conversation, the run goes on,
 * and the server keeps serving (langchain leaves a rejected promise unobserved for failed tools; the
 * agent server observes it, or this whole test run would abort on an unhandled rejection).
 */
import { describe, expect, it } from "vitest";
import { SEARCH_NOTES_BOOM_MESSAGE } from "../../../../apps/agent-server/src/graphs/subagents";
import { CALCULATOR_BOOM_MESSAGE } from "../../../../apps/agent-server/src/graphs/tools";
import { toolCallsProjection } from "../../src/projections/index";
import { TRANSPORTS } from "../support";
import { waitForStore } from "../scoped/support";
import { FAST, textOf, useControllers } from "./harness";

describe.each(TRANSPORTS)("a failing tool over %s", (transport) => {
  const suite = useControllers(transport);

  it("shows the failed call and the agent's answer, then serves the next run", async () => {
    const controller = suite.make("tool_agent");
    await controller.submit({ messages: "please boom" }, FAST);
    const failed = controller.rootStore.getSnapshot();
    expect(failed).toMatchObject({ isLoading: false, error: undefined });
    expect(failed.toolCalls.map((call) => [call.name, call.status])).toEqual([
      ["get_weather", "finished"],
      ["calculator", "finished"],
      ["calculator", "error"],
    ]);
    expect(textOf(failed.messages.at(-1))).toContain(CALCULATOR_BOOM_MESSAGE);

    await controller.submit({ messages: "weather and maths please" }, FAST);
    const next = controller.rootStore.getSnapshot();
    expect(next.error).toBeUndefined();
    expect(next.toolCalls.slice(3).every((call) => call.status === "finished")).toBe(true);
  });
});

describe.each(TRANSPORTS)("a failing tool inside a subagent over %s", (transport) => {
  const suite = useControllers(transport);

  it("shows the subagent's failed call in its own view; the run completes", async () => {
    const controller = suite.make("deep_agent");
    await controller.submit({ messages: "boom" }, FAST);
    expect(controller.rootStore.getSnapshot()).toMatchObject({ isLoading: false, error: undefined });
    const researcher = [...controller.subagentStore.getSnapshot().values()].find((entry) => entry.name === "researcher")!;
    expect(researcher.status).toBe("complete");
    const calls = controller.registry.acquire(toolCallsProjection(researcher.namespace)).store;
    await waitForStore(calls, (list) => list.length === 1 && list[0]!.status !== "running");
    expect(calls.getSnapshot()[0]).toMatchObject({ name: "search_notes", status: "error" });
    expect(String(researcher.output)).toContain(SEARCH_NOTES_BOOM_MESSAGE);
  });
});
