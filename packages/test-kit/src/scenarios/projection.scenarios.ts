/**
 * Scenarios that need scoped projections: custom extension values, media, subagent cards.
 */
import { expect, it } from "vitest";
import { paced, untilReply, type ScenarioSession } from "./session.js";
import { SCENARIO_TEST_IDS } from "./harness.js";

/** Registers the extension scenario (`custom_events`, channel `custom:progress`). */
export function extensionScenarios(session: ScenarioSession): void {
  it("shows custom extension values as they arrive", async () => {
    const app = await session.mount("custom_events", { views: { extension: "progress" } });
    const percents: number[] = [];
    const observer = new MutationObserver(() => {
      const value = app.view().extension as { percent?: number } | undefined;
      if (typeof value?.percent === "number" && value.percent !== percents.at(-1)) percents.push(value.percent);
    });
    observer.observe(app.container, { subtree: true, childList: true, characterData: true });
    await app.actions.submit({ messages: "work on it" }, paced(15));
    const view = await app.until((current) => {
      expect(current.isLoading).toBe(false);
      expect(current.extension).toMatchObject({ percent: 100 });
    });
    observer.disconnect();
    expect(view.extension).toMatchObject({ percent: 100, label: expect.any(String) });
    // Several intermediate values were shown, in order.
    expect(percents.length).toBeGreaterThanOrEqual(3);
    expect([...percents].sort((left, right) => left - right)).toEqual(percents);
  });
}

/** Registers the media scenario (`media`: inline PNG, URL image, WAV). */
export function mediaScenarios(session: ScenarioSession): void {
  it("renders a streamed image through an object URL", async () => {
    const app = await session.mount("media", { views: { images: true } });
    await app.actions.submit({ messages: "show me" }, paced(2));
    const view = await app.until((current) => {
      expect(current.isLoading).toBe(false);
      expect(current.images.length).toBeGreaterThanOrEqual(1);
      expect(current.images.some((image) => image.src.startsWith("blob:"))).toBe(true);
    });
    const inline = [...app.container.querySelectorAll<HTMLImageElement>(`[data-testid="${SCENARIO_TEST_IDS.image}"]`)].find(
      (element) => element.src.startsWith("blob:"),
    )!;
    await app.until(() => expect(inline.complete && inline.naturalWidth > 0).toBe(true));
    expect(view.images).toHaveLength(2);
  });
}

/** Registers the subagent scenario (`deep_agent`: researcher and writer in parallel). */
export function subagentScenarios(session: ScenarioSession): void {
  it("shows subagent cards with their own message streams", async () => {
    const app = await session.mount("deep_agent", { views: { subagents: true } });
    await app.actions.submit({ messages: "research and write" }, paced(2));
    const view = await untilReply(app, "Summary of both subagents");
    const cards = await app.until((current) => {
      expect(current.subagents.map((card) => card.name).sort()).toEqual(["researcher", "writer"]);
      for (const card of current.subagents) {
        expect(card.status).toBe("complete");
        expect(card.messages.some((text) => text.length > 0)).toBe(true);
      }
    });
    // Each card streams its own conversation; the researcher's working steps stay out of the root.
    const researcher = cards.subagents.find((card) => card.name === "researcher")!;
    const writer = cards.subagents.find((card) => card.name === "writer")!;
    expect(researcher.messages.some((text) => text.includes("Searching the notes."))).toBe(true);
    expect(writer.messages.some((text) => text.startsWith("Draft:"))).toBe(true);
    expect(view.messages.some((message) => message.text.includes("Searching the notes."))).toBe(false);
  });

  it("shows each subagent's own messages again after the finished thread is reloaded", async () => {
    const first = await session.mount("deep_agent", { views: { subagents: true } });
    await first.actions.submit({ messages: "research then reload" }, paced(0));
    const done = await untilReply(first, "Summary of both subagents");
    await first.unmount();
    // A fresh mount on the stored thread: nothing streams, everything comes from the server's state.
    const reloaded = await session.mount("deep_agent", { threadId: done.threadId, views: { subagents: true } });
    const cards = await reloaded.until((current) => {
      expect(current.isThreadLoading).toBe(false);
      expect(current.subagents.map((card) => card.name).sort()).toEqual(["researcher", "writer"]);
      const researcher = current.subagents.find((card) => card.name === "researcher")!;
      expect(researcher.messages.some((text) => text.includes("Searching the notes."))).toBe(true);
      const writer = current.subagents.find((card) => card.name === "writer")!;
      expect(writer.messages.some((text) => text.startsWith("Draft:"))).toBe(true);
    });
    expect(cards.isLoading).toBe(false);
    expect(cards.subagents.every((card) => card.status === "complete")).toBe(true);
  });
}
