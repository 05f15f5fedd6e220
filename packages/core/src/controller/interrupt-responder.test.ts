import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { afterEach, describe, expect, it } from "vitest";
import { StreamController } from "./stream-controller";
import { FakeServer, gate, storedState } from "./test-support/fake-server";

const controllers: StreamController[] = [];
afterEach(async () => {
  await Promise.all(controllers.splice(0).map((controller) => controller.dispose()));
});

/** A controller on a fake server, bound to an interrupted thread with the given pending interrupts. */
async function interrupted(
  interrupts: { id: string; value?: unknown }[],
): Promise<{ controller: StreamController; server: FakeServer }> {
  const server = new FakeServer();
  server.state = async () =>
    storedState([{ type: "human", id: "h1", content: "hi" }], {
      next: ["review"],
      tasks: [{ id: "t1", name: "review", error: null, interrupts: interrupts.map(({ id, value }) => ({ id, value })) }],
    });
  const controller = new StreamController({ assistantId: "agent", client: server.client, threadId: "thread-1" });
  controllers.push(controller);
  await controller.hydrationPromise;
  return { controller, server };
}

describe("respond / respondAll", () => {
  it("without a target answers the oldest pending interrupt at the root and removes it", async () => {
    const { controller, server } = await interrupted([{ id: "int-1", value: "first" }, { id: "int-2", value: "second" }]);
    expect(controller.getThread()).toBeUndefined(); // interrupted thread: no connection until needed
    await controller.respond("yes");
    expect(server.thread.responds).toEqual([
      { interruptId: "int-1", response: "yes", namespace: [], config: undefined, metadata: undefined },
    ]);
    const snapshot = controller.rootStore.getSnapshot();
    expect(snapshot.interrupts.map((entry) => entry.id)).toEqual(["int-2"]);
    expect(snapshot.interrupt?.id).toBe("int-2");
  });

  it("with an interruptId answers only that one; the namespace comes from where it was raised", async () => {
    const server = new FakeServer();
    const controller = new StreamController({ assistantId: "agent", client: server.client });
    controllers.push(controller);
    const running = controller.submit({ messages: "go" });
    await Promise.resolve();
    server.thread.lifecycle("running");
    server.thread.emit("input.requested", { interrupt_id: "a", payload: "A" }, ["child:1", "inner:2"]);
    server.thread.emit("input.requested", { interrupt_id: "b", payload: "B" });
    server.thread.lifecycle("interrupted");
    await running;
    expect(controller.rootStore.getSnapshot().interrupts.map((entry) => [entry.id, entry.namespace])).toEqual([
      ["a", ["child:1", "inner:2"]],
      ["b", []],
    ]);
    await controller.respond("to a", { interruptId: "a", config: { tags: ["x"] }, metadata: { source: "test" } });
    expect(server.thread.responds.at(-1)).toEqual({
      interruptId: "a",
      response: "to a",
      namespace: ["child:1", "inner:2"],
      config: { tags: ["x"] },
      metadata: { source: "test" },
    });
    expect(controller.rootStore.getSnapshot().interrupt?.id).toBe("b");
    // An explicit namespace wins; an unknown id falls back to the root.
    await controller.respond("to b", { interruptId: "b", namespace: ["explicit:1"] });
    expect(server.thread.responds.at(-1)).toMatchObject({ interruptId: "b", namespace: ["explicit:1"] });
    await controller.respond("to ghost", { interruptId: "ghost" });
    expect(server.thread.responds.at(-1)).toMatchObject({ interruptId: "ghost", namespace: [] });
    expect(server.thread.responds.at(-1)).not.toHaveProperty("update");
    expect(server.thread.responds.at(-1)).not.toHaveProperty("goto");
  });

  it("respondAll sends one command with every answer and clears them all", async () => {
    const { controller, server } = await interrupted([{ id: "a" }, { id: "b" }]);
    await controller.respondAll({ a: 1, b: 2 }, { update: { step: "done" } });
    expect(server.thread.responds).toEqual([
      {
        responses: [
          { interruptId: "a", response: 1, namespace: [] },
          { interruptId: "b", response: 2, namespace: [] },
        ],
        update: { step: "done" },
        config: undefined,
        metadata: undefined,
      },
    ]);
    expect(controller.rootStore.getSnapshot()).toMatchObject({ interrupts: [], interrupt: undefined });
    await expect(controller.respondAll({})).rejects.toThrow(/at least one/);
  });

  it("an update's messages are sent as dicts with minted ids and shown before the command answers", async () => {
    const { controller, server } = await interrupted([{ id: "a" }]);
    const answer = gate<void>();
    server.setUpThread = (thread) => (thread.respondAnswer = () => answer.promise);
    const ai = new AIMessage("draft from the reviewer");
    const responding = controller.respond("ok", { update: { messages: [{ type: "human", content: "note" }, ai] }, goto: "agent" });
    const shown = controller.rootStore.getSnapshot().messages;
    expect(shown.map((message) => message.text)).toEqual(["hi", "note", "draft from the reviewer"]);
    expect(controller.rootStore.getSnapshot().interrupt?.id).toBe("a"); // removed only once accepted
    answer.resolve();
    await responding;
    expect(controller.rootStore.getSnapshot().interrupt).toBeUndefined();
    const sent = server.thread.responds[0]!;
    const update = sent.update as { messages: Record<string, unknown>[] };
    expect(sent.goto).toBe("agent");
    expect(update.messages.map((message) => message.id)).toEqual([shown[1]!.id, shown[2]!.id]);
    expect(update.messages[1]).toMatchObject({ type: "ai", content: "draft from the reviewer" });
    expect(update.messages[1]).not.toHaveProperty("lc");
    expect(ai.id).toBeUndefined();
  });

  it("a rejected respond rejects, writes the same error to the store and clears isLoading", async () => {
    const { controller, server } = await interrupted([{ id: "a" }]);
    const failure = new Error("server said no");
    server.setUpThread = (thread) =>
      (thread.respondAnswer = async () => {
        throw failure;
      });
    await expect(controller.respond("x", { interruptId: "a" })).rejects.toBe(failure);
    expect(controller.rootStore.getSnapshot()).toMatchObject({ error: failure, isLoading: false });
    expect(controller.rootStore.getSnapshot().interrupt?.id).toBe("a");
  });

  it("after respond, a stale terminal is ignored and the resumed run's failure reaches the store", async () => {
    const { controller, server } = await interrupted([{ id: "a" }]);
    await controller.respond("x");
    const thread = server.thread;
    // The paused run's end, replayed before the resumed run starts, changes nothing.
    thread.lifecycle("interrupted");
    expect(controller.rootStore.getSnapshot()).toMatchObject({ isLoading: true, error: undefined });
    thread.lifecycle("running");
    thread.lifecycle("failed", { error: JSON.stringify({ error: "ValueError", message: "tool exploded" }) });
    const snapshot = controller.rootStore.getSnapshot();
    expect(snapshot.isLoading).toBe(false);
    expect((snapshot.error as Error).message).toBe("tool exploded");
  });

  it("human-in-the-loop payloads get both casings; edit decisions are sent with both casings", async () => {
    const request = { action_requests: [{ action_name: "send_email", args: { to: "a" }, description: "Send?" }], review_configs: [{ action_name: "send_email", allowed_decisions: ["approve", "edit"] }] };
    const { controller, server } = await interrupted([{ id: "a", value: request }]);
    const value = controller.rootStore.getSnapshot().interrupt?.value as Record<string, { name?: string; allowedDecisions?: string[] }[]>;
    expect(value.actionRequests![0]).toMatchObject({ name: "send_email", action_name: "send_email", args: { to: "a" }, description: "Send?" });
    expect(value.reviewConfigs![0]!.allowedDecisions).toEqual(["approve", "edit"]);
    expect(value.actionRequests).toBe(value.action_requests);
    const edited = { name: "send_email", args: { to: "b" } };
    await controller.respond({ decisions: [{ type: "edit", editedAction: edited }] });
    expect(server.thread.responds[0]!).toMatchObject({
      response: { decisions: [{ type: "edit", editedAction: edited, edited_action: edited }] },
    });
  });

  it("an update message instance of the caller is never mutated", async () => {
    const { controller } = await interrupted([{ id: "a" }]);
    const note = new HumanMessage("n");
    await controller.respond("ok", { update: { messages: note } });
    expect(note.id).toBeUndefined();
  });
});
