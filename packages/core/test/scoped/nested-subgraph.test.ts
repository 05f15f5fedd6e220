import { NESTED_DRAFT_TEXT } from "@agent-stream/agent-server";
import { describe, expect, it } from "vitest";
import { attachDiscovery, attachDiscoveryToThread } from "../../src/discovery/index";
import { messagesProjection, valuesProjection } from "../../src/projections/index";
import { StreamStore } from "../../src/store/stream-store";
import { humanRun, TRANSPORTS } from "../support";
import { restClient, useThreads, waitForStore, waitForTranscript } from "./support";

describe.each(TRANSPORTS)("nested subgraphs over %s", (transport) => {
  const threads = useThreads(transport);

  it("discovers both subgraph levels and keeps each namespace's own conversation and state", async () => {
    const thread = threads.open("nested_subgraph");
    const discovery = attachDiscoveryToThread(thread);
    threads.defer(() => discovery.dispose());
    const registry = threads.registry(thread);
    await thread.run.start(humanRun("nested topic", 5));

    const found = await waitForStore(discovery.subgraphStore, (map) => map.size === 2);
    const [research, researcher] = [...found.values()];
    expect(research).toMatchObject({ name: "research", depth: 1, parentId: null });
    expect(researcher).toMatchObject({ name: "researcher", depth: 2, parentId: research!.id });

    const researchMessages = registry.acquire(messagesProjection(research!.namespace)).store;
    const researcherMessages = registry.acquire(messagesProjection(researcher!.namespace)).store;
    const researchState = registry.acquire(valuesProjection<{ messages: unknown[] }>(research!.namespace)).store;
    const researcherState = registry.acquire(valuesProjection<{ messages: unknown[] }>(researcher!.namespace)).store;
    await thread.output;

    const done = await waitForStore(discovery.subgraphStore, (map) => [...map.values()].every((subgraph) => subgraph.status === "complete"));
    expect([...done.values()].map((subgraph) => subgraph.name)).toEqual(["research", "researcher"]);
    expect([...discovery.subgraphByNodeStore.getSnapshot().keys()]).toEqual(["research", "researcher"]);

    const full = ["human:nested topic", "ai:Plan: hand the question to the researcher.", `ai:${NESTED_DRAFT_TEXT}`];
    expect(await waitForTranscript(researchMessages, full)).toEqual(full);
    expect(await waitForTranscript(researcherMessages, full)).toEqual(full);
    // Each namespace keeps its own state: the research subgraph's state is not the root's.
    expect((await waitForStore(researchState, (state) => state?.messages.length === 3))?.messages).toHaveLength(3);
    expect((await waitForStore(researcherState, (state) => state?.messages.length === 3))?.messages).toHaveLength(3);
  });

  // Regression (reference B6): nested namespaces were looked up in history with a NUL-joined checkpoint_ns.
  it("finds both subgraph levels of an idle thread from stored history alone", async () => {
    const thread = threads.open("nested_subgraph");
    await thread.run.start(humanRun("history topic", 0));
    await thread.output;
    const discovery = attachDiscovery(
      { rootStore: new StreamStore({ threadId: thread.threadId as string | null }), subscribeThread: () => () => undefined },
      { client: restClient() },
    );
    threads.defer(() => discovery.dispose());
    await discovery.seeded;
    const subgraphs = [...discovery.subgraphStore.getSnapshot().values()];
    expect(subgraphs.map((subgraph) => [subgraph.name, subgraph.depth, subgraph.status])).toEqual([
      ["research", 1, "complete"],
      ["researcher", 2, "complete"],
    ]);
    expect(subgraphs[1]!.parentId).toBe(subgraphs[0]!.id);

    const reloaded = threads.open("nested_subgraph", { threadId: thread.threadId });
    const registry = threads.registry(reloaded);
    const draft = registry.acquire(messagesProjection(subgraphs[1]!.namespace, { history: restClient() })).store;
    const expected = ["human:history topic", "ai:Plan: hand the question to the researcher.", `ai:${NESTED_DRAFT_TEXT}`];
    expect(await waitForTranscript(draft, expected)).toEqual(expected);
  });
});
