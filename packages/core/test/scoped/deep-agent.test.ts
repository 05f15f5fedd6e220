import { describe, expect, it } from "vitest";
import { attachDiscoveryToThread } from "../../src/discovery/index";
import { messagesProjection, toolCallsProjection, valuesProjection } from "../../src/projections/index";
import { humanRun, TRANSPORTS } from "../support";
import { restClient, useThreads, waitForStore, waitForTranscript } from "./support";

describe.each(TRANSPORTS)("deep agent subagents over %s", (transport) => {
  const threads = useThreads(transport);

  it("shows two parallel subagents, each with its own messages and tool calls, live and after a reload", async () => {
    const thread = threads.open("deep_agent");
    const discovery = attachDiscoveryToThread(thread, { client: restClient() });
    threads.defer(() => discovery.dispose());
    const registry = threads.registry(thread);
    await thread.run.start(humanRun("streaming protocols", 15));

    // The task calls show up with the model's reply; the tool events then give their namespaces.
    const started = await waitForStore(
      discovery.subagentStore,
      (map) => map.size === 2 && [...map.values()].every((subagent) => subagent.namespaceResolved),
    );
    const researcher = [...started.values()].find((subagent) => subagent.name === "researcher")!;
    const writer = [...started.values()].find((subagent) => subagent.name === "writer")!;
    expect(researcher).toMatchObject({ status: "running", depth: 1, parentId: null, namespaceResolved: true, taskInput: "Research: streaming protocols" });
    expect(writer).toMatchObject({ status: "running", taskInput: "Write about: streaming protocols" });
    expect(researcher.namespace).not.toEqual(writer.namespace);

    const researcherMessages = registry.acquire(messagesProjection(researcher.namespace)).store;
    const researcherTools = registry.acquire(toolCallsProjection(researcher.namespace)).store;
    const writerMessages = registry.acquire(messagesProjection(writer.namespace)).store;
    const writerTools = registry.acquire(toolCallsProjection(writer.namespace)).store;
    const researcherState = registry.acquire(valuesProjection(researcher.namespace)).store;

    // Visible while running: the researcher's first reply streams before it finished.
    await waitForStore(researcherMessages, (messages) => messages.some((message) => message.getType() === "ai"));
    expect(discovery.subagentStore.getSnapshot().get(researcher.id)?.status).toBe("running");

    await thread.output;
    const finished = await waitForStore(discovery.subagentStore, (map) => [...map.values()].every((subagent) => subagent.status === "complete"));
    const researchAnswer = "Research findings: 3 notes match \"Research: streaming protocols\": it streams, it resumes, it scales.";
    expect(finished.get(researcher.id)).toMatchObject({ output: researchAnswer, completedAt: expect.any(Date) });
    expect(finished.get(researcher.id)?.namespace).toEqual(researcher.namespace);

    const expectedResearcher = [
      "human:Research: streaming protocols",
      "ai:Searching the notes.",
      "tool:3 notes match \"Research: streaming protocols\": it streams, it resumes, it scales.",
      `ai:${researchAnswer}`,
    ];
    const expectedWriter = [
      "human:Write about: streaming protocols",
      "ai:Draft: a short, friendly paragraph written for the request \"Write about: streaming protocols\".",
    ];
    expect(await waitForTranscript(researcherMessages, expectedResearcher)).toEqual(expectedResearcher);
    expect(await waitForTranscript(writerMessages, expectedWriter)).toEqual(expectedWriter);
    expect(researcherTools.getSnapshot()).toMatchObject([{ name: "search_notes", status: "finished", input: { query: "Research: streaming protocols" } }]);
    expect(writerTools.getSnapshot()).toEqual([]);
    expect((researcherState.getSnapshot() as { messages: unknown[] }).messages).toHaveLength(4);

    // Reload: a new ThreadStream on the same thread rebuilds the cards and the scoped views.
    await thread.close();
    const reloaded = threads.open("deep_agent", { threadId: thread.threadId });
    const reloadedDiscovery = attachDiscoveryToThread(reloaded, { client: restClient() });
    threads.defer(() => reloadedDiscovery.dispose());
    await reloadedDiscovery.seeded;
    const rebuilt = reloadedDiscovery.subagentStore.getSnapshot();
    expect([...rebuilt.values()].map((subagent) => [subagent.name, subagent.status, subagent.namespace])).toEqual(
      expect.arrayContaining([
        ["researcher", "complete", researcher.namespace],
        ["writer", "complete", writer.namespace],
      ]),
    );
    // The server's replay alone rebuilds them too.
    const replayOnly = attachDiscoveryToThread(reloaded);
    threads.defer(() => replayOnly.dispose());
    const replayed = await waitForStore(replayOnly.subagentStore, (map) => [...map.values()].filter((subagent) => subagent.status === "complete").length === 2);
    expect(replayed.get(researcher.id)?.namespace).toEqual(researcher.namespace);
    const reloadedRegistry = threads.registry(reloaded);
    const history = restClient();
    const reloadedResearcher = reloadedRegistry.acquire(messagesProjection(researcher.namespace, { history })).store;
    const reloadedWriterTools = reloadedRegistry.acquire(toolCallsProjection(writer.namespace)).store;
    expect(await waitForTranscript(reloadedResearcher, expectedResearcher)).toEqual(expectedResearcher);
    expect(reloadedWriterTools.getSnapshot()).toEqual([]);
  });
});
