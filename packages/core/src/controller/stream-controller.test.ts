import { afterEach, describe, expect, it, vi } from "vitest";
import { messagesProjection } from "./root-projections";
import { StreamController } from "./stream-controller";
import { FakeServer, gate, storedState } from "./test-support/fake-server";
import type { StreamControllerOptions } from "./types";

const controllers: StreamController[] = [];
afterEach(async () => {
  vi.unstubAllGlobals();
  await Promise.all(controllers.splice(0).map((controller) => controller.dispose()));
});

function make(server: FakeServer, options: Partial<StreamControllerOptions> = {}): StreamController {
  const controller = new StreamController({ assistantId: "agent", client: server.client, ...options });
  controllers.push(controller);
  return controller;
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** An AI reply streamed token by token at the root. */
function streamReply(server: FakeServer, id: string, tokens: string[]): void {
  const thread = server.thread;
  thread.emit("messages", { event: "message-start", id, role: "ai" });
  thread.emit("messages", { event: "content-block-start", index: 0, content: { type: "text", text: "" } });
  for (const token of tokens) thread.emit("messages", { event: "content-block-delta", index: 0, delta: { type: "text-delta", text: token } });
  thread.emit("messages", { event: "message-finish" });
}

describe("StreamController submit (fake server)", () => {
  it("sends the prepared input with the thread id merged into config, and context and forkFrom passed on", async () => {
    const server = new FakeServer();
    const controller = make(server);
    const done = controller.submit(
      { messages: "hi", topic: "x" },
      { config: { configurable: { user_id: "u1", thread_id: "ignored" }, recursion_limit: 5 }, context: { tz: "UTC" }, forkFrom: "cp-1" },
    );
    const params = server.thread.starts[0]!;
    const threadId = controller.rootStore.getSnapshot().threadId;
    expect(params.config).toEqual({ configurable: { user_id: "u1", thread_id: threadId }, recursion_limit: 5, context: { tz: "UTC" } });
    expect(params.forkFrom).toBe("cp-1");
    const sent = params.input as { messages: { id: string; type: string; content: string }[]; topic: string };
    expect(sent.topic).toBe("x");
    expect(sent.messages[0]).toMatchObject({ type: "human", content: "hi" });
    // The optimistic copy carries the id that was sent.
    expect(controller.rootStore.getSnapshot().messages[0]!.id).toBe(sent.messages[0]!.id);
    expect(controller.rootStore.getSnapshot().values).toMatchObject({ topic: "x" });
    server.thread.lifecycle("running");
    server.thread.lifecycle("completed");
    await done;
  });

  it("a run that ends before run.start answers still settles; onCreated comes before onCompleted", async () => {
    const server = new FakeServer();
    const answer = gate<{ runId: string }>();
    server.setUpThread = (thread) => (thread.startAnswer = () => answer.promise);
    const calls: string[] = [];
    const controller = make(server, {
      onCreated: ({ runId }) => calls.push(`created ${runId}`),
      onCompleted: ({ runId, reason }) => calls.push(`completed ${runId} ${reason}`),
    });
    const done = controller.submit({ messages: "fast" });
    server.thread.lifecycle("running");
    streamReply(server, "a1", ["quick"]);
    server.thread.lifecycle("completed");
    expect(controller.rootStore.getSnapshot().isLoading).toBe(false);
    answer.resolve({ runId: "run-fast" });
    await done;
    expect(calls).toEqual(["created run-fast", "completed run-fast success"]);
  });

  it("a rejected dispatch marks the input failed, reports once, and fires no run callbacks", async () => {
    const server = new FakeServer();
    const failure = new Error("offline");
    server.setUpThread = (thread) =>
      (thread.startAnswer = async () => {
        throw failure;
      });
    const onError = vi.fn();
    const onCreated = vi.fn();
    const onCompleted = vi.fn();
    const controller = make(server, { onError, onCreated, onCompleted });
    await controller.submit({ messages: "hi" });
    const snapshot = controller.rootStore.getSnapshot();
    expect(snapshot).toMatchObject({ error: failure, isLoading: false });
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onCreated).not.toHaveBeenCalled();
    expect(onCompleted).not.toHaveBeenCalled();
    expect(controller.messageMetadataStore.getSnapshot().get(snapshot.messages[0]!.id!)?.optimisticStatus).toBe("failed");
  });

  it("stop() before run.start answers: once it does, the run is cancelled and reported stopped", async () => {
    const server = new FakeServer();
    const answer = gate<{ runId: string }>();
    server.setUpThread = (thread) => (thread.startAnswer = () => answer.promise);
    const onCompleted = vi.fn();
    const controller = make(server, { onCompleted });
    const done = controller.submit({ messages: "hi" });
    const stopping = controller.stop();
    expect(controller.rootStore.getSnapshot().isLoading).toBe(false);
    answer.resolve({ runId: "run-7" });
    await Promise.all([done, stopping]);
    const threadId = controller.rootStore.getSnapshot().threadId!;
    expect(server.cancels).toEqual([{ threadId, runId: "run-7" }]);
    expect(onCompleted).toHaveBeenCalledWith({ runId: "run-7", reason: "stopped" });
  });

  it("a server that sends no run id: no onCreated, interrupts still shown, completion still reported", async () => {
    const server = new FakeServer();
    server.setUpThread = (thread) => (thread.startAnswer = async () => ({ runId: "" }));
    const onCreated = vi.fn();
    const onCompleted = vi.fn();
    const controller = make(server, { onCreated, onCompleted });
    const done = controller.submit({ messages: "hi" });
    await tick();
    server.thread.lifecycle("running");
    server.thread.emit("input.requested", { interrupt_id: "i-1", payload: { question: "?" } });
    server.thread.lifecycle("interrupted");
    await done;
    expect(controller.rootStore.getSnapshot().interrupt?.id).toBe("i-1");
    expect(onCreated).not.toHaveBeenCalled();
    expect(onCompleted).toHaveBeenCalledWith({ runId: undefined, reason: "interrupt" });
  });

  it("a dispatch error that arrives after the run's terminal is still reported", async () => {
    const server = new FakeServer();
    const answer = gate<{ runId: string }>();
    server.setUpThread = (thread) => (thread.startAnswer = () => answer.promise);
    const onError = vi.fn();
    const controller = make(server, { onError });
    const done = controller.submit({ messages: "hi" });
    server.thread.lifecycle("running");
    server.thread.lifecycle("completed");
    const failure = new Error("answer lost");
    answer.reject(failure);
    await done;
    expect(controller.rootStore.getSnapshot().error).toBe(failure);
    expect(onError).toHaveBeenCalledWith(failure);
  });

  it("pairs each root values event with the checkpoint announced just before it", async () => {
    const server = new FakeServer();
    const controller = make(server);
    const done = controller.submit({ messages: [{ type: "human", id: "h1", content: "hi" }] });
    const thread = server.thread;
    thread.lifecycle("running");
    thread.emit("checkpoints", { id: "c1", parent_id: "c0", step: 0 });
    thread.emit("checkpoints", { id: "c1b", parent_id: "c0b", step: 0 });
    thread.emit("values", { messages: [{ type: "human", id: "h1", content: "hi" }] });
    thread.emit("checkpoints", { id: "nested", parent_id: "nested-parent", step: 0 }, ["child:1"]);
    thread.emit("values", { messages: [{ type: "human", id: "h1", content: "hi" }, { type: "ai", id: "a1", content: "yo" }] });
    thread.emit("checkpoints", { id: "c2", step: 1 });
    thread.emit("values", { messages: [{ type: "human", id: "h1", content: "hi" }, { type: "ai", id: "a1", content: "yo" }, { type: "ai", id: "a2", content: "!" }] });
    thread.lifecycle("completed");
    await done;
    const metadata = controller.messageMetadataStore.getSnapshot();
    // The newer announcement wins; a values event without a fresh one (or one without a parent) has no fork point.
    expect(metadata.get("h1")).toEqual({ parentCheckpointId: "c0b", optimisticStatus: "sent" });
    expect(metadata.get("a1")).toEqual({ parentCheckpointId: undefined });
    expect(metadata.get("a2")).toEqual({ parentCheckpointId: undefined });
  });

  it("an enqueued submit leaves the pending interrupts of the run in flight alone", async () => {
    const server = new FakeServer();
    const controller = make(server);
    const first = controller.submit({ messages: "first" });
    await tick();
    server.thread.lifecycle("running");
    server.thread.emit("input.requested", { interrupt_id: "live", payload: 1 });
    await controller.submit({ messages: "later" }, { multitaskStrategy: "enqueue" });
    expect(controller.rootStore.getSnapshot().interrupts.map((entry) => entry.id)).toEqual(["live"]);
    expect(controller.rootStore.getSnapshot().messages.map((message) => message.text)).toEqual(["first"]);
    server.thread.lifecycle("interrupted");
    await first;
  });

  it("a throwing store listener or projection does not stop the root processing", async () => {
    const reported: unknown[] = [];
    vi.stubGlobal("reportError", (error: unknown) => reported.push(error));
    const server = new FakeServer();
    const controller = make(server);
    controller.rootStore.subscribe(() => {
      throw new Error("broken listener");
    });
    const texts: string[] = [];
    controller.rootStore.subscribe(() => texts.push(controller.rootStore.getSnapshot().messages.map((m) => m.text).join("|")));
    controller.registry.acquire({
      key: "broken",
      initial: null,
      open: ({ shared }) => ({
        dispose: shared.subscribe(() => {
          throw new Error("broken projection");
        }),
      }),
    });
    const done = controller.submit({ messages: "hi" });
    await tick();
    server.thread.lifecycle("running");
    server.thread.emit("values", { messages: [{ type: "human", id: controller.rootStore.getSnapshot().messages[0]!.id, content: "hi" }] });
    streamReply(server, "a1", ["hello", " there"]);
    server.thread.lifecycle("completed");
    await done;
    expect(controller.rootStore.getSnapshot().messages.map((message) => message.text)).toEqual(["hi", "hello there"]);
    expect(texts.at(-1)).toBe("hi|hello there");
    expect(reported.length).toBeGreaterThan(0);
  });
});

describe("StreamController runs it did not submit (fake server)", () => {
  it("reports loading and completion of a resumed run with the id from its first task", async () => {
    const server = new FakeServer();
    server.state = async () =>
      storedState([{ type: "human", id: "h1", content: "hi" }], {
        next: ["review"],
        tasks: [{ id: "t", name: "review", error: null, interrupts: [{ id: "i-1", value: "?" }] }],
      });
    const onCompleted = vi.fn();
    const controller = make(server, { threadId: "thread-1", onCompleted });
    await controller.hydrationPromise;
    await controller.respond("yes");
    const thread = server.thread;
    thread.lifecycle("running");
    thread.taskStart("server-run-9");
    expect(controller.rootStore.getSnapshot().isLoading).toBe(true);
    thread.lifecycle("completed");
    expect(controller.rootStore.getSnapshot().isLoading).toBe(false);
    expect(onCompleted).toHaveBeenCalledWith({ runId: "server-run-9", reason: "success" });
  });

  it("stop() cancels a resumed run once its id arrives", async () => {
    const server = new FakeServer();
    server.state = async () =>
      storedState([], { next: ["review"], tasks: [{ id: "t", name: "review", error: null, interrupts: [{ id: "i-1", value: "?" }] }] });
    const onCompleted = vi.fn();
    const controller = make(server, { threadId: "thread-1", onCompleted });
    await controller.hydrationPromise;
    await controller.respond("yes");
    const stopping = controller.stop();
    server.thread.lifecycle("running");
    server.thread.taskStart("server-run-3");
    await stopping;
    expect(server.cancels).toEqual([{ threadId: "thread-1", runId: "server-run-3" }]);
    expect(onCompleted).toHaveBeenCalledWith({ runId: "server-run-3", reason: "stopped" });
  });
});

describe("StreamController hydrate (fake server)", () => {
  it("a stale getState never applies, never opens a stream, and never settles or errors the newer cycle", async () => {
    const server = new FakeServer();
    const stale = gate<null>();
    server.state = () => stale.promise as never;
    const onError = vi.fn();
    const controller = make(server, { threadId: "old-thread", onError });
    const first = controller.hydrationPromise;
    const newer = controller.hydrate(null);
    await newer;
    await expect(controller.hydrationPromise).resolves.toBeUndefined();
    stale.reject(new Error("late failure"));
    await first.catch(() => undefined);
    await tick();
    expect(controller.rootStore.getSnapshot()).toMatchObject({ threadId: null, error: undefined, isThreadLoading: false });
    expect(onError).not.toHaveBeenCalled();
    expect(server.threads).toEqual([]);
  });

  it("without a thread id nothing is loaded or opened", async () => {
    const server = new FakeServer();
    const controller = make(server, { threadId: null });
    await controller.hydrationPromise;
    expect(controller.rootStore.getSnapshot()).toMatchObject({ threadId: null, isThreadLoading: false });
    expect(server.getStateCalls).toEqual([]);
    expect(server.threads).toEqual([]);
  });

  it("loads pending interrupts in order, with namespaces from the task checkpoint", async () => {
    const server = new FakeServer();
    server.state = async () =>
      storedState([], {
        next: ["a", "b"],
        tasks: [
          { id: "t1", name: "a", error: null, interrupts: [{ id: "i-1", value: 1 }], checkpoint: { checkpoint_ns: "child:u1|inner:u2" } },
          { id: "t2", name: "b", error: null, interrupts: [{ id: "i-2", value: 2 }, { id: "i-1", value: 1 }] },
        ] as never,
      });
    const controller = make(server, { threadId: "thread-1" });
    await controller.hydrationPromise;
    const snapshot = controller.rootStore.getSnapshot();
    expect(snapshot.interrupts.map((entry) => [entry.id, entry.namespace])).toEqual([
      ["i-1", ["child:u1", "inner:u2"]],
      ["i-2", []],
    ]);
    expect(snapshot.interrupt).toBe(snapshot.interrupts[0]);
    expect(server.threads).toEqual([]); // interrupted: nothing to stream until the answer
  });

  it("a state without `next` counts as in flight: it re-attaches and asks the server where the run starts", async () => {
    const server = new FakeServer();
    server.state = async () => ({ ...storedState([]), next: undefined as never });
    const controller = make(server, { threadId: "thread-1" });
    await controller.hydrationPromise;
    expect(server.threads).toHaveLength(1);
    expect(server.thread.commands).toEqual(["subscription.subscribe"]);
    expect(server.thread.filters.map((filter) => filter.channels)).toContainEqual(["tasks"]);
    expect(controller.rootStore.getSnapshot().isLoading).toBe(true);
  });

  it("fills each loaded message's fork point from the thread history", async () => {
    const server = new FakeServer();
    const checkpoint = (id: string, parent: string | undefined, ids: string[]) =>
      storedState(
        ids.map((messageId) => ({ type: "human", id: messageId, content: messageId })),
        { checkpoint: { checkpoint_id: id }, parent_checkpoint: parent === undefined ? null : { checkpoint_id: parent } },
      );
    const head = checkpoint("c3", "c2", ["m1", "m2"]);
    server.state = async () => head;
    server.history = [head, checkpoint("c2", "c1", ["m1"]), checkpoint("c1", "c0", ["m1"]), checkpoint("c0", undefined, [])];
    const controller = make(server, { threadId: "thread-1" });
    await controller.hydrationPromise;
    await vi.waitFor(() => expect(controller.messageMetadataStore.getSnapshot().get("m2")?.parentCheckpointId).toBe("c2"));
    expect(controller.messageMetadataStore.getSnapshot().get("m1")?.parentCheckpointId).toBe("c0");
  });

  it("a registry projection opened before a thread exists follows the controller's thread", async () => {
    const server = new FakeServer();
    const controller = make(server);
    const { store } = controller.registry.acquire(messagesProjection([]));
    const done = controller.submit({ messages: "hi" });
    expect(store.getSnapshot().map((message) => message.text)).toEqual(["hi"]);
    server.thread.lifecycle("running");
    server.thread.lifecycle("completed");
    await done;
  });
});
