/**
 * Scenarios: token streaming, tool calls, optimistic input, run errors.
 */
import { expect, it } from "vitest";
import { paced, untilReply, type ScenarioSession } from "./session.js";
import { recordAiTexts, type ScenarioView } from "./view.js";

/** Registers the streaming scenarios. */
export function streamingScenarios(session: ScenarioSession): void {
  it("streams text token by token", async () => {
    const app = await session.mount("text");
    const recorder = recordAiTexts(app.container);
    const run = app.actions.submit({ messages: "hello there" }, paced(15));
    const final = await untilReply(app, "You said");
    await run;
    const texts = recorder.stop().filter((text) => text.length > 0);
    const answer = final.messages.at(-1)!.text;
    expect(final.messages.map((message) => message.type)).toEqual(["human", "ai"]);
    expect(final.messages[0]!.text).toBe("hello there");
    expect(answer).toContain('You said "hello there"');
    // Many intermediate renders, each a growing prefix of the final answer.
    expect(texts.length).toBeGreaterThanOrEqual(5);
    for (const [index, text] of texts.entries()) {
      expect(answer.startsWith(text)).toBe(true);
      if (index > 0) expect(text.length).toBeGreaterThan(texts[index - 1]!.length);
    }
  });

  it("shows tool calls with their statuses", async () => {
    const app = await session.mount("tool_agent");
    const statuses = new Map<string, string[]>();
    const observer = new MutationObserver(() => {
      for (const call of app.view().toolCalls) {
        const seen = statuses.get(call.id) ?? [];
        if (seen.at(-1) !== call.status) statuses.set(call.id, [...seen, call.status]);
      }
    });
    observer.observe(app.container, { subtree: true, childList: true, characterData: true, attributes: true });
    await app.actions.submit({ messages: "weather in Paris, then compute 2+3" }, paced(10));
    const view = await app.until((current) => {
      expect(current.isLoading).toBe(false);
      expect(current.toolCalls).toHaveLength(3);
    });
    observer.disconnect();
    const [weather, ...calculators] = view.toolCalls;
    expect(weather).toMatchObject({ name: "get_weather", status: "finished" });
    expect(weather!.output).toContain("sunny");
    expect(calculators.map((call) => call.name)).toEqual(["calculator", "calculator"]);
    expect(calculators.map((call) => call.status)).toEqual(["finished", "finished"]);
    // Statuses only move forward (a call may start and finish within one render).
    for (const call of view.toolCalls) expect([["running", "finished"], ["finished"]]).toContainEqual(statuses.get(call.id));
    expect(view.messages.at(-1)!.type).toBe("ai");
  });

  it("shows the user's message at once, then confirms it", async () => {
    const app = await session.mount("text");
    const renders: ScenarioView[] = [];
    const observer = new MutationObserver(() => renders.push(app.view()));
    observer.observe(app.container, { subtree: true, childList: true, characterData: true, attributes: true });
    const run = app.actions.submit({ messages: "optimistic hello" }, paced(20));
    await run;
    const view = await untilReply(app, "optimistic hello");
    observer.disconnect();
    // The first render after submit: the message is there, pending, before any reply.
    const first = renders.find((render) => render.messages.length > 0)!;
    expect(first.messages).toHaveLength(1);
    expect(first.messages[0]).toMatchObject({ type: "human", text: "optimistic hello", status: "pending" });
    expect(first.isLoading).toBe(true);
    const human = view.messages.filter((message) => message.type === "human");
    expect(human).toHaveLength(1);
    expect(human[0]).toMatchObject({ id: first.messages[0]!.id, status: "sent" });
  });

  it("shows a failed run's error", async () => {
    const app = await session.mount("failing");
    await app.actions.submit({ messages: "please fail" }, paced(2));
    const view = await app.until((current) => {
      expect(current.isLoading).toBe(false);
      expect(current.error).toContain("Scripted failure");
    });
    // The partial reply streamed before the failure stays visible.
    expect(view.messages.map((message) => message.type)).toEqual(["human", "ai"]);
  });
}
