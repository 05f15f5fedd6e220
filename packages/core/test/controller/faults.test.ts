/**
 * The controller through a fault-injecting proxy: what a user sees (the messages, their streamed
 * text, tool calls, interrupts, errors) must match an undisturbed run of the same graph.
 */
import type { FaultPlan } from "@agent-stream/test-kit";
import { describe, expect, it } from "vitest";
import type { BaseMessage } from "@langchain/core/messages";
import type { StreamController } from "../../src/controller/stream-controller";
import { messagesProjection } from "../../src/projections/index";
import type { ReadableStore } from "../../src/store/stream-store";
import type { RootSnapshot } from "../../src/controller/types";
import { slowReply } from "../../../../apps/agent-server/src/graphs/slow";
import { textReply } from "../../../../apps/agent-server/src/graphs/text";
import { HttpError } from "../../src/protocol/errors";
import { TRANSPORTS } from "../support";
import { poll, sleep, textOf, tokenDelay, useControllers, waitFor, type ControllerSuite } from "./harness";

type Snapshot = RootSnapshot<Record<string, unknown>>;

interface Scenario {
  readonly graph: string;
  readonly input: string;
  /** Resumes the run after its interrupt, when the graph asks for one. */
  readonly resume?: unknown;
}

const SCENARIOS: readonly Scenario[] = [
  { graph: "text", input: "through the storm" },
  { graph: "tool_agent", input: "weather and sums" },
  { graph: "deep_agent", input: "research then write" },
  { graph: "hitl", input: "send the report", resume: { decision: "approve" } },
];

const FAULTS: readonly (readonly [string, FaultPlan])[] = [
  ["two dropped connections", { cutAfterFrames: 12, cutTimes: 2 }],
  ["every frame sent twice", { duplicateFrames: true }],
  ["a malformed frame", { malformedAfterFrames: 6 }],
];

/** What a user sees of a snapshot, without the ids a fresh run mints anew. */
function visible(snapshot: Snapshot) {
  return {
    messages: snapshot.messages.map((message) => `${message.getType()}:${textOf(message)}`),
    toolCalls: snapshot.toolCalls.map((call) => `${call.name}:${call.status}`).sort(),
    interrupts: snapshot.interrupts.length,
    isLoading: snapshot.isLoading,
  };
}

/** Runs a scenario and records every AI text each message id showed while it streamed. */
async function observe(suite: ControllerSuite, scenario: Scenario, plan: FaultPlan | undefined) {
  const proxy = await suite.proxy();
  if (plan) proxy.setFaults(plan);
  const errors: unknown[] = [];
  const controller: StreamController<Record<string, unknown>> = suite.make(scenario.graph, {
    apiUrl: proxy.url,
    onError: (error) => errors.push(error),
  });
  const shown = new Map<string, string[]>();
  controller.rootStore.subscribe(() => {
    for (const message of controller.rootStore.getSnapshot().messages) {
      if (message.getType() !== "ai" || message.id === undefined) continue;
      const texts = shown.get(message.id) ?? [];
      const text = textOf(message);
      if (texts.at(-1) !== text) texts.push(text);
      shown.set(message.id, texts);
    }
  });
  await controller.submit({ messages: scenario.input }, tokenDelay(2));
  if (scenario.resume !== undefined) {
    await waitFor(controller, (snapshot) => snapshot.interrupts.length > 0);
    await controller.respond(scenario.resume, tokenDelay(2));
  }
  const final = await waitFor(controller, (snapshot) => !snapshot.isLoading);
  return { final, shown, errors, stats: proxy.stats() };
}

describe.each(TRANSPORTS)("StreamController through a fault-injecting proxy over %s", (transport) => {
  const suite = useControllers(transport);

  describe.each(SCENARIOS)("$graph", (scenario) => {
    it.each(FAULTS)("%s: the same messages, tool calls and outcome as an undisturbed run, no token lost or doubled", async (_name, plan) => {
      const baseline = await observe(suite, scenario, undefined);
      expect(baseline.final.error).toBeUndefined();
      const disturbed = await observe(suite, scenario, plan);

      // The faults really happened.
      if (plan.cutAfterFrames !== undefined) expect(disturbed.stats.cuts).toBeGreaterThan(0);
      if (plan.duplicateFrames) expect(disturbed.stats.duplicated).toBeGreaterThan(0);
      if (plan.malformedAfterFrames !== undefined) expect(disturbed.stats.injectedMalformed).toBe(1);

      expect(visible(disturbed.final)).toEqual(visible(baseline.final));
      expect(disturbed.final.error).toBeUndefined();
      // While streaming, each AI message only ever grew towards its final text: nothing repeated,
      // nothing taken back.
      const finalTexts = new Map(disturbed.final.messages.map((message) => [message.id, textOf(message)]));
      for (const [id, texts] of disturbed.shown) {
        const finalText = finalTexts.get(id);
        if (finalText === undefined) continue;
        for (const text of texts) expect(finalText.startsWith(text), `${id} showed ${JSON.stringify(text)}`).toBe(true);
      }
      // A malformed frame is reported, and nothing else goes wrong.
      if (plan.malformedAfterFrames !== undefined) expect(disturbed.errors).toHaveLength(1);
      else expect(disturbed.errors).toEqual([]);
    });
  });

  describe("deep_agent subagent views", () => {
    /** Runs deep_agent and reads each subagent's own conversation through views opened while it streams. */
    async function observeSubagents(plan: FaultPlan | undefined) {
      const proxy = await suite.proxy();
      if (plan) proxy.setFaults(plan);
      const controller = suite.make("deep_agent", { apiUrl: proxy.url });
      const views = new Map<string, ReadableStore<readonly BaseMessage[]>>();
      controller.subagentStore.subscribe(() => {
        for (const subagent of controller.subagentStore.getSnapshot().values()) {
          if (!subagent.namespaceResolved || views.has(subagent.name)) continue;
          views.set(subagent.name, controller.registry.acquire(messagesProjection(subagent.namespace)).store);
        }
      });
      await controller.submit({ messages: "research then write" }, tokenDelay(2));
      await waitFor(controller, (snapshot) => !snapshot.isLoading);
      const read = () => Object.fromEntries([...views].map(([name, store]) => [name, store.getSnapshot().map((message) => `${message.getType()}:${textOf(message)}`)]));
      // Views settle on their own schedule: read until two reads 100 ms apart agree.
      let last = "";
      await poll(async () => {
        const current = JSON.stringify(read());
        const settled = current === last;
        last = current;
        if (!settled) await sleep(100);
        return settled;
      });
      return { transcripts: read(), stats: proxy.stats() };
    }

    // A deep_agent run is about 260 event frames; the subagents stream from about the 60th.
    const SUBAGENT_FAULTS: readonly (readonly [string, FaultPlan])[] = [
      ["connections dropped while the subagents stream", { cutAfterFrames: 110, cutTimes: 2 }],
      ["every frame sent twice", { duplicateFrames: true }],
    ];

    it.each(SUBAGENT_FAULTS)("%s: each subagent view shows the same conversation as an undisturbed run", async (_name, plan) => {
      const baseline = await observeSubagents(undefined);
      expect(Object.keys(baseline.transcripts).sort()).toEqual(["researcher", "writer"]);
      for (const transcript of Object.values(baseline.transcripts)) expect(transcript.length).toBeGreaterThan(1);
      const disturbed = await observeSubagents(plan);
      expect(disturbed.stats.cuts + disturbed.stats.duplicated).toBeGreaterThan(0);
      expect(disturbed.transcripts).toEqual(baseline.transcripts);
    });
  });

  it("a reload mid-reply re-attaches through dropped connections and shows the whole reply once", async () => {
    const first = suite.make("slow");
    const firstDone = first.submit({ messages: "go" }, tokenDelay(8)).catch(() => undefined);
    await waitFor(first, (snapshot) => textOf(snapshot.messages[1]).length > 20);
    const threadId = first.rootStore.getSnapshot().threadId!;
    // The page reloads: the first controller is gone, the run goes on on the server.
    await first.dispose();
    await firstDone;

    const proxy = await suite.proxy();
    proxy.setFaults({ cutAfterFrames: 40, cutTimes: 3 });
    const second = suite.make("slow", { threadId, apiUrl: proxy.url });
    const shown: string[] = [];
    second.rootStore.subscribe(() => {
      const text = textOf(second.rootStore.getSnapshot().messages[1]);
      if (shown.at(-1) !== text) shown.push(text);
    });
    await second.hydrationPromise;
    const done = await waitFor(second, (snapshot) => !snapshot.isLoading, 20_000);

    expect(proxy.stats().cuts).toBeGreaterThan(0);
    expect(done.error).toBeUndefined();
    expect(done.messages.map((message) => `${message.getType()}:${textOf(message)}`)).toEqual(["human:go", `ai:${slowReply()}`]);
    for (const text of shown) expect(slowReply().startsWith(text), JSON.stringify(text)).toBe(true);
    expect(shown.filter((text) => text.length > 0 && text.length < slowReply().length).length).toBeGreaterThan(3);
  });
});

describe("StreamController when the server fails a command (HTTP commands, SSE)", () => {
  const suite = useControllers("sse");

  it("a run.start answered 500 is state: the error, nothing loading, the unsent message marked failed; the next submit works", async () => {
    const proxy = await suite.proxy();
    const errors: unknown[] = [];
    const controller = suite.make("text", { apiUrl: proxy.url, onError: (error) => errors.push(error) });
    proxy.setFaults({ failNextRequests: { count: 1, status: 500, path: "/commands" } });

    await controller.submit({ messages: "first" }, tokenDelay(0)).catch(() => undefined);

    const failed = controller.rootStore.getSnapshot();
    expect(failed.error).toBeInstanceOf(HttpError);
    expect((failed.error as HttpError).status).toBe(500);
    expect(errors).toEqual([failed.error]);
    expect(failed.isLoading).toBe(false);
    // The user's message stays on screen, marked as never sent (a UI can offer to retry it).
    const unsent = failed.messages.find((message) => textOf(message) === "first");
    expect(unsent).toBeDefined();
    expect(controller.messageMetadataStore.getSnapshot().get(unsent!.id!)?.optimisticStatus).toBe("failed");

    await controller.submit({ messages: "second" }, tokenDelay(0));
    const done = controller.rootStore.getSnapshot();
    // The next run replaces the unsent message: the transcript is what the server stored.
    expect(controller.messageMetadataStore.getSnapshot().has(unsent!.id!)).toBe(false);
    expect(done.error).toBeUndefined();
    expect(done.messages.map((message) => `${message.getType()}:${textOf(message)}`)).toEqual([
      "human:second",
      `ai:${textReply("second")}`,
    ]);
  });
});
