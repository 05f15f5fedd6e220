import { describe, expect, it } from "vitest";
import { attachDiscovery } from "../../src/discovery/index";
import { messagesProjection, toolCallsProjection } from "../../src/projections/index";
import { TRANSPORTS } from "../support";
import { makeController, tokenDelay } from "../controller/harness";
import { restClient, transcript, useThreads, waitForStore, waitForTranscript } from "./support";

describe.each(TRANSPORTS)("scoped views on a StreamController over %s", (transport) => {
  const threads = useThreads(transport);

  it("discovers subagents for the controller and serves their scoped projections from its registry", async () => {
    const controller = makeController(transport, "deep_agent");
    threads.defer(() => controller.dispose());
    const discovery = attachDiscovery(controller, { client: restClient() });
    threads.defer(() => discovery.dispose());
    const root = controller.registry.acquire(messagesProjection([])).store;

    await controller.submit({ messages: [{ type: "human", content: "wiring" }] }, tokenDelay(5));
    const subagents = await waitForStore(discovery.subagentStore, (map) => map.size === 2 && [...map.values()].every((entry) => entry.status === "complete"));
    const writer = [...subagents.values()].find((subagent) => subagent.name === "writer")!;
    const researcher = [...subagents.values()].find((subagent) => subagent.name === "researcher")!;

    const writerMessages = controller.registry.acquire(messagesProjection(writer.namespace, { history: restClient() })).store;
    const expected = ["human:Write about: wiring", 'ai:Draft: a short, friendly paragraph written for the request "Write about: wiring".'];
    expect(await waitForTranscript(writerMessages, expected)).toEqual(expected);
    const researcherTools = controller.registry.acquire(toolCallsProjection(researcher.namespace)).store;
    await waitForStore(researcherTools, (calls) => calls.length === 1);
    expect(researcherTools.getSnapshot()[0]).toMatchObject({ name: "search_notes", status: "finished" });
    // The root projection mirrors the controller's own conversation.
    expect(root.getSnapshot()).toBe(controller.rootStore.getSnapshot().messages);
    expect(transcript(root.getSnapshot())[0]).toBe("human:wiring");
  });
});
