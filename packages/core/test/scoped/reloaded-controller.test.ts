/**
 * A controller loading a finished thread (a page reload): the subagent cards come from history, and
 * their scoped views, acquired the way the bindings do (no options), show what each subagent did.
 */
import { agentServerUrl, startFaultProxy } from "@agent-stream/test-kit";
import { describe, expect, it } from "vitest";
import { HttpError } from "../../src/protocol/errors";
import { messagesProjection, toolCallsProjection, valuesProjection } from "../../src/projections/index";
import { TRANSPORTS } from "../support";
import { makeController, tokenDelay } from "../controller/harness";
import { transcript, useThreads, waitForStore, waitForTranscript } from "./support";

describe.each(TRANSPORTS)("scoped views of a reloaded idle thread over %s", (transport) => {
  const threads = useThreads(transport);

  it("fills a subagent's messages, tool calls and state without any option", async () => {
    const writer = makeController(transport, "deep_agent");
    await writer.submit({ messages: [{ type: "human", content: "reload" }] }, tokenDelay(0));
    const threadId = writer.rootStore.getSnapshot().threadId!;
    await writer.dispose();

    const controller = makeController(transport, "deep_agent", { threadId });
    threads.defer(() => controller.dispose());
    await controller.hydrationPromise;
    expect(controller.rootStore.getSnapshot().isLoading).toBe(false);
    const subagents = await waitForStore(controller.subagentStore, (map) => map.size === 2);
    const researcher = [...subagents.values()].find((subagent) => subagent.name === "researcher")!;
    expect(researcher.status).toBe("complete");

    const messages = controller.registry.acquire(messagesProjection(researcher.namespace)).store;
    const tools = controller.registry.acquire(toolCallsProjection(researcher.namespace)).store;
    const state = controller.registry.acquire(valuesProjection(researcher.namespace)).store;
    const answer = "Research findings: 3 notes match \"Research: reload\": it streams, it resumes, it scales.";
    const expected = [
      "human:Research: reload",
      "ai:Searching the notes.",
      "tool:3 notes match \"Research: reload\": it streams, it resumes, it scales.",
      `ai:${answer}`,
    ];
    expect(await waitForTranscript(messages, expected)).toEqual(expected);
    await waitForStore(tools, (calls) => calls.length === 1 && calls[0]!.status !== "running");
    expect(tools.getSnapshot()).toMatchObject([{ name: "search_notes", status: "finished" }]);
    // The replay brings the namespace's values snapshots one after another: wait for the last.
    const stateMessages = (values: unknown) => transcript((values as { messages?: never[] } | undefined)?.messages ?? []);
    await waitForStore(state, (values) => stateMessages(values).length === expected.length);
    expect(stateMessages(state.getSnapshot())).toEqual(expected);
    // The root conversation was loaded once, not replayed on top of itself.
    expect(controller.rootStore.getSnapshot().messages.map((message) => message.id)).toHaveLength(
      new Set(controller.rootStore.getSnapshot().messages.map((message) => message.id)).size,
    );
  });

  it("failing history reads reach onError and crash nothing: views still fill from the replay, cards come from the state", async () => {
    const writer = makeController(transport, "deep_agent");
    await writer.submit({ messages: [{ type: "human", content: "no history" }] }, tokenDelay(0));
    const threadId = writer.rootStore.getSnapshot().threadId!;
    await writer.dispose();

    const proxy = await startFaultProxy({ target: agentServerUrl() });
    threads.defer(() => proxy.close());
    const errors: unknown[] = [];
    const controller = makeController(transport, "deep_agent", { threadId, apiUrl: proxy.url, onError: (error) => errors.push(error) });
    threads.defer(() => controller.dispose());
    await controller.hydrationPromise;
    const subagents = await waitForStore(controller.subagentStore, (map) => map.size === 2);
    const researcher = [...subagents.values()].find((subagent) => subagent.name === "researcher")!;

    // From now on the server fails every history read.
    proxy.setFaults({ failNextRequests: { count: 1_000, status: 500, path: "/history" } });
    const messages = controller.registry.acquire(messagesProjection(researcher.namespace)).store;
    await waitForStore(messages, (list) => transcript(list).at(-1)?.startsWith("ai:Research findings") === true);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => error instanceof HttpError && error.status === 500)).toBe(true);
    expect(controller.rootStore.getSnapshot().error).toBeUndefined();

    // A reload while history keeps failing: the conversation loads (from the state), the subagent
    // cards come from the state's task calls, the failure reaches onError, no error is shown.
    const reloadErrors: unknown[] = [];
    const reloaded = makeController(transport, "deep_agent", { threadId, apiUrl: proxy.url, onError: (error) => reloadErrors.push(error) });
    threads.defer(() => reloaded.dispose());
    await reloaded.hydrationPromise;
    await waitForStore(reloaded.rootStore, () => reloadErrors.length > 0);
    expect(reloadErrors[0]).toBeInstanceOf(HttpError);
    expect(reloaded.rootStore.getSnapshot().error).toBeUndefined();
    expect(transcript(reloaded.rootStore.getSnapshot().messages).at(-1)).toMatch(/^ai:Summary of both subagents/);
    const cards = await waitForStore(reloaded.subagentStore, (map) => map.size === 2);
    expect([...cards.values()].map((card) => `${card.name}:${card.status}`).sort()).toEqual(["researcher:complete", "writer:complete"]);
    expect([...cards.values()].find((card) => card.name === "writer")!.output).toEqual(expect.stringContaining("Draft:"));
  });
});
