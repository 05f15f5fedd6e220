import { v7 as uuidv7 } from "uuid";
import { describe, expect, it, vi } from "vitest";
import { slowReply } from "../../../../apps/agent-server/src/graphs/slow";
import { textReply } from "../../../../apps/agent-server/src/graphs/text";
import { HttpError } from "../../src/protocol/errors";
import { TRANSPORTS } from "../support";
import { FAST, sleep, textOf, tokenDelay, useControllers, waitFor } from "./harness";

describe.each(TRANSPORTS)("StreamController hydration over %s", (transport) => {
  const suite = useControllers(transport);

  it("hydrates an idle thread without re-streaming its history on the next run", async () => {
    const first = suite.make("text");
    await first.submit({ messages: "one" }, FAST);
    const threadId = first.rootStore.getSnapshot().threadId!;
    await first.dispose();

    const second = suite.make("text");
    await second.hydrate(threadId);
    const hydrated = second.rootStore.getSnapshot();
    expect(hydrated.messages.map(textOf)).toEqual(["one", textReply("one")]);
    expect(second.getThread()).toBeUndefined(); // idle: no connection until needed
    const loading: boolean[] = [];
    const heads: string[] = [];
    second.rootStore.subscribe(() => {
      const snapshot = second.rootStore.getSnapshot();
      loading.push(snapshot.isLoading);
      heads.push(snapshot.messages.slice(0, 2).map(textOf).join("|"));
    });
    await second.submit({ messages: "two" }, FAST);
    const done = second.rootStore.getSnapshot();
    expect(done.messages.map(textOf)).toEqual(["one", textReply("one"), "two", textReply("two")]);
    // The replayed first run never toggled isLoading off before the new run ended...
    expect(loading.indexOf(false)).toBe(loading.length - 1);
    // ...and never re-streamed (emptied, duplicated or rewrote) the loaded messages.
    expect(new Set(heads)).toEqual(new Set([`one|${textReply("one")}`]));
  });

  it("switching threads mid-stream resets at once and lets no old event in", async () => {
    const controller = suite.make("slow");
    void controller.submit({ messages: "old thread" }, tokenDelay(5));
    await waitFor(controller, (snapshot) => textOf(snapshot.messages[1]).length > 0);
    const oldThreadId = controller.rootStore.getSnapshot().threadId;
    const hydrating = controller.hydrate(null);
    const reset = controller.rootStore.getSnapshot();
    expect(reset).toMatchObject({ threadId: null, messages: [], isLoading: false, interrupts: [], toolCalls: [] });
    await hydrating;
    const seen: string[] = [];
    controller.rootStore.subscribe(() => {
      for (const message of controller.rootStore.getSnapshot().messages) seen.push(textOf(message));
    });
    await sleep(150);
    expect(seen.filter((text) => text.startsWith("word"))).toEqual([]);
    expect(controller.rootStore.getSnapshot().messages).toEqual([]);
    expect(controller.rootStore.getSnapshot().threadId).not.toBe(oldThreadId);
  });

  it("a stale hydrate never settles the newer one", async () => {
    const seed = suite.make("text");
    await seed.submit({ messages: "seed" }, FAST);
    const existing = seed.rootStore.getSnapshot().threadId!;
    const controller = suite.make("text");
    void controller.hydrate(existing);
    const newer = controller.hydrate(null);
    await newer;
    await controller.hydrationPromise;
    await sleep(100);
    expect(controller.rootStore.getSnapshot()).toMatchObject({ threadId: null, messages: [], isThreadLoading: false });
    expect(controller.getThread()).toBeUndefined();
  });

  it("re-attaches to a run in flight: isLoading, further tokens, completion and onCompleted with its run id", async () => {
    let runId: string | undefined;
    const first = suite.make("slow", { onCreated: (info) => (runId = info.runId) });
    const firstDone = first.submit({ messages: "go" }, tokenDelay(10));
    await waitFor(first, (snapshot) => textOf(snapshot.messages[1]).length > 20);
    const threadId = first.rootStore.getSnapshot().threadId!;

    const proxy = await suite.proxy();
    const onCompleted = vi.fn();
    const second = suite.make("slow", { threadId, onCompleted, apiUrl: proxy.url });
    await second.hydrationPromise;
    expect(second.rootStore.getSnapshot()).toMatchObject({ isLoading: true, isThreadLoading: false });
    const lengths: number[] = [];
    const humans: boolean[] = [];
    second.rootStore.subscribe(() => {
      const { messages } = second.rootStore.getSnapshot();
      humans.push(textOf(messages[0]) === "go");
      lengths.push(textOf(messages[1]).length);
    });
    const done = await waitFor(second, (snapshot) => !snapshot.isLoading, 15_000);
    await firstDone;
    expect(done.error).toBeUndefined();
    expect(done.messages.map((message) => message.getType())).toEqual(["human", "ai"]);
    expect(textOf(done.messages[1])).toBe(slowReply());
    // Tokens arrived one after another (not only the final values), and the loaded human message stayed.
    expect(lengths.filter((length) => length > 0 && length < slowReply().length).length).toBeGreaterThan(3);
    expect(humans.every(Boolean)).toBe(true);
    expect(onCompleted).toHaveBeenCalledTimes(1);
    expect(onCompleted).toHaveBeenCalledWith({ runId, reason: "success" });
    // One connection for the whole re-attach.
    const stats = proxy.stats();
    expect(stats.streamOpens + stats.wsUpgrades).toBe(1);
  });

  it("hydrate() of the same id re-attaches when a run started there since", async () => {
    const seed = suite.make("slow");
    await seed.submit({ messages: "one" }, tokenDelay(0));
    const threadId = seed.rootStore.getSnapshot().threadId!;
    const onCompleted = vi.fn();
    const watcher = suite.make("slow", { threadId, onCompleted });
    await watcher.hydrationPromise;
    expect(watcher.getThread()).toBeUndefined();
    void seed.submit({ messages: "two" }, tokenDelay(5));
    await waitFor(seed, (snapshot) => snapshot.messages.length === 4 && textOf(snapshot.messages[3]).length > 10);
    await watcher.hydrate();
    expect(watcher.rootStore.getSnapshot().isLoading).toBe(true);
    const loading: boolean[] = [];
    watcher.rootStore.subscribe(() => loading.push(watcher.rootStore.getSnapshot().isLoading));
    const done = await waitFor(watcher, (snapshot) => !snapshot.isLoading, 15_000);
    expect(done.messages.map(textOf)).toEqual(["one", slowReply(), "two", slowReply()]);
    // Only the run in flight was delivered: the first run's replayed end neither cleared
    // isLoading early nor reported a completion.
    expect(loading.indexOf(false)).toBe(loading.length - 1);
    expect(onCompleted).toHaveBeenCalledTimes(1);
  });

  it("a thread id the server does not know yet loads nothing, opens nothing, and the next submit creates it", async () => {
    const threadId = uuidv7();
    const controller = suite.make("text");
    await controller.hydrate(threadId);
    expect(controller.rootStore.getSnapshot()).toMatchObject({
      threadId,
      messages: [],
      error: undefined,
      isThreadLoading: false,
      isLoading: false,
    });
    expect(controller.getThread()).toBeUndefined();
    await controller.submit({ messages: "first" }, FAST);
    expect(controller.rootStore.getSnapshot().threadId).toBe(threadId);
    expect(controller.rootStore.getSnapshot().messages.map(textOf)).toEqual(["first", textReply("first")]);
  });

  it("hydrate() again loads a thread that was created elsewhere after a first miss", async () => {
    const threadId = uuidv7();
    const watcher = suite.make("text");
    await watcher.hydrate(threadId);
    const writer = suite.make("text", { threadId });
    await writer.hydrationPromise;
    await writer.submit({ messages: "hello" }, FAST);
    await watcher.hydrate();
    expect(watcher.rootStore.getSnapshot().messages.map(textOf)).toEqual(["hello", textReply("hello")]);
    expect(watcher.getThread()).toBeUndefined();
  });

  it("a thread that fails to load (HTTP 500) is an error in state; hydrate() again loads it and the next run continues it", async () => {
    const seed = suite.make("text");
    await seed.submit({ messages: "stored" }, FAST);
    const threadId = seed.rootStore.getSnapshot().threadId!;
    const proxy = await suite.proxy();
    proxy.setFaults({ failNextRequests: { count: 1, status: 500, path: "/state" } });
    const onError = vi.fn();
    const controller = suite.make("text", { threadId, apiUrl: proxy.url, onError });

    await expect(controller.hydrationPromise).rejects.toBeInstanceOf(HttpError);
    expect(controller.rootStore.getSnapshot()).toMatchObject({ threadId, messages: [], isThreadLoading: false, isLoading: false });
    expect((controller.rootStore.getSnapshot().error as HttpError).status).toBe(500);
    expect(onError).toHaveBeenCalledTimes(1);

    await controller.hydrate();
    expect(controller.rootStore.getSnapshot().error).toBeUndefined();
    expect(controller.rootStore.getSnapshot().messages.map(textOf)).toEqual(["stored", textReply("stored")]);
    await controller.submit({ messages: "more" }, FAST);
    expect(controller.rootStore.getSnapshot().messages.map(textOf)).toEqual(["stored", textReply("stored"), "more", textReply("more")]);
  });

  it("rebuilds the tool calls of a loaded thread from its messages", async () => {
    const first = suite.make("tool_agent");
    await first.submit({ messages: "What's the weather in Paris?" }, FAST);
    const streamed = first.rootStore.getSnapshot().toolCalls;
    const threadId = first.rootStore.getSnapshot().threadId!;
    const second = suite.make("tool_agent", { threadId });
    await second.hydrationPromise;
    const loaded = second.rootStore.getSnapshot().toolCalls;
    expect(loaded.map((call) => [call.id, call.name, call.status])).toEqual(
      streamed.map((call) => [call.id, call.name, call.status]),
    );
    expect(loaded.map((call) => call.output)).toEqual(streamed.map((call) => call.output));
  });

  it("loads two pending interrupts in order and answers them from the new controller", async () => {
    const first = suite.make("double_interrupt");
    await first.submit({ messages: "plan the project" }, FAST);
    const pending = first.rootStore.getSnapshot().interrupts;
    expect(pending).toHaveLength(2);
    const threadId = first.rootStore.getSnapshot().threadId!;
    await first.dispose();
    const second = suite.make("double_interrupt", { threadId });
    await second.hydrationPromise;
    const loaded = second.rootStore.getSnapshot();
    expect(loaded.interrupts.map((entry) => entry.id).sort()).toEqual(pending.map((entry) => entry.id).sort());
    expect(loaded.interrupt).toBe(loaded.interrupts[0]);
    const answers = Object.fromEntries(
      loaded.interrupts.map((entry) => [entry.id, (entry.value as { field: string }).field === "budget" ? "10k" : "June"]),
    );
    await second.respondAll(answers);
    const done = await waitFor(second, (snapshot) => !snapshot.isLoading && snapshot.messages.at(-1)?.getType() === "ai");
    expect(done.values.answers).toEqual({ budget: "10k", schedule: "June" });
  });
});
