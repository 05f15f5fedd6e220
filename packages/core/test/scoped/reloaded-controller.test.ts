/**
 * A controller loading a finished thread (a page reload): the subagent cards come from history, and
 * their scoped views, acquired the way the bindings do (no options), show what each subagent did.
 */
import { describe, expect, it } from "vitest";
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
});
