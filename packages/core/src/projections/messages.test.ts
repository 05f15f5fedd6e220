import type { BaseMessage } from "@langchain/core/messages";
import { describe, expect, it, vi } from "vitest";
import { blockStartEvent, deltaEvent, messagesEvent, protocolEvent } from "../assembly/test-support/events";
import type { RootEventBus } from "../controller/root-event-bus";
import type { RootSnapshot } from "../controller/types";
import { ChannelRegistry } from "../store/channel-registry";
import { StreamStore } from "../store/stream-store";
import { messagesProjection, valuesProjection } from "./messages";
import { FakeThread, nextMacrotask } from "./test-support/fake-thread";
import { toolCallsProjection } from "./tool-calls";
import type { ProjectionShared, ScopedThread } from "./types";

const SUBAGENT = ["tools:sub-1"];
const MODEL = [...SUBAGENT, "model_request:m-1"];

function textOf(message: BaseMessage | undefined): string {
  if (message === undefined) return "";
  return typeof message.content === "string" ? message.content : message.text;
}

function streamReply(thread: FakeThread, namespace: string[], id: string, tokens: string[]): void {
  thread.emit(messagesEvent({ event: "message-start", id }, { namespace }));
  thread.emit(blockStartEvent(0, { type: "text", text: "" }, { namespace }));
  for (const token of tokens) thread.emit(deltaEvent(0, { type: "text-delta", text: token }, { namespace }));
}

function valuesEvent(namespace: string[], values: Record<string, unknown>) {
  return protocolEvent("values", values, { namespace });
}

function setup() {
  const thread = new FakeThread();
  const registry = new ChannelRegistry<ScopedThread, ProjectionShared>();
  registry.bind(thread);
  return { thread, registry };
}

describe("messagesProjection", () => {
  it("streams a subagent's own model messages and merges its values, once per macrotask", async () => {
    const { thread, registry } = setup();
    const { store } = registry.acquire(messagesProjection(SUBAGENT));
    const notifications = vi.fn();
    store.subscribe(notifications);
    streamReply(thread, MODEL, "ai-1", Array.from({ length: 200 }, () => "x"));
    await nextMacrotask();
    expect(store.getSnapshot().map(textOf)).toEqual(["x".repeat(200)]);
    expect(notifications.mock.calls.length).toBeLessThan(5);

    thread.emit(valuesEvent(SUBAGENT, { messages: [{ type: "human", content: "Research X", id: "h-1" }] }));
    await nextMacrotask();
    expect(store.getSnapshot().map((message) => message.id)).toEqual(["h-1", "ai-1"]);
  });

  it("ignores messages of tool executions and of other namespaces", async () => {
    const { thread, registry } = setup();
    const { store } = registry.acquire(messagesProjection(SUBAGENT));
    streamReply(thread, [...SUBAGENT, "tools:t-1"], "tool-msg", ["tool output"]);
    streamReply(thread, ["tools:other", "model_request:m-2"], "elsewhere", ["nope"]);
    streamReply(thread, [...MODEL, "deeper:1"], "too-deep", ["nope"]);
    await nextMacrotask();
    expect(store.getSnapshot()).toEqual([]);
  });

  // Regression (reference B12): a nested child's `values` replaced the parent's message list.
  it("keeps the parent's messages when a nested child emits values", async () => {
    const { thread, registry } = setup();
    const { store } = registry.acquire(messagesProjection(SUBAGENT));
    thread.emit(
      valuesEvent(SUBAGENT, {
        messages: [
          { type: "human", content: "Research X", id: "h-1" },
          { type: "ai", content: "Found it", id: "a-1" },
        ],
      }),
    );
    thread.emit(valuesEvent([...SUBAGENT, "inner:1"], { messages: [{ type: "human", content: "inner", id: "i-1" }] }));
    await nextMacrotask();
    expect(store.getSnapshot().map((message) => message.id)).toEqual(["h-1", "a-1"]);
  });

  it("honours a custom messagesKey", async () => {
    const { thread, registry } = setup();
    const { store } = registry.acquire(messagesProjection(SUBAGENT, { messagesKey: "history" }));
    thread.emit(valuesEvent(SUBAGENT, { history: [{ type: "human", content: "from history", id: "h-9" }] }));
    await nextMacrotask();
    expect(store.getSnapshot().map(textOf)).toEqual(["from history"]);
  });

  // Regression (reference §5: the scoped projection hardcoded "messages"): a controller's key is inherited.
  it("inherits the controller's messagesKey when the caller gives none", async () => {
    const thread = new FakeThread();
    const root = new StreamStore({ isLoading: true } as RootSnapshot<Record<string, unknown>>);
    const shared: RootEventBus<unknown> = {
      channels: [],
      subscribe: () => () => undefined,
      root,
      scopeDefaults: { messagesKey: "history" },
    };
    const registry = new ChannelRegistry<ScopedThread, ProjectionShared>({ shared });
    registry.bind(thread);
    const messages = registry.acquire(messagesProjection(SUBAGENT)).store;
    const values = registry.acquire(valuesProjection<{ history: BaseMessage[] }>(SUBAGENT)).store;
    thread.emit(valuesEvent(SUBAGENT, { history: [{ type: "human", content: "kept under history", id: "h-9" }] }));
    await nextMacrotask();
    expect(messages.getSnapshot().map(textOf)).toEqual(["kept under history"]);
    expect(values.getSnapshot()?.history.map(textOf)).toEqual(["kept under history"]);
  });

  // Regression (reference B1): the root short-circuit threw on every event and stayed [].
  it("at the root without a controller, shows messages of the root's model nodes", async () => {
    const { thread, registry } = setup();
    const { store } = registry.acquire(messagesProjection([]));
    streamReply(thread, ["model:abc"], "root-ai", ["Hello", " world"]);
    streamReply(thread, ["tools:t-1"], "tool-msg", ["tool output"]);
    await nextMacrotask();
    expect(store.getSnapshot().map(textOf)).toEqual(["Hello world"]);
  });

  // Regression (reference B1) on a controller's registry: the root mirror publishes root messages.
  it("at the root on a controller's registry, mirrors the root snapshot without subscribing", async () => {
    const thread = new FakeThread();
    const root = new StreamStore({ messages: [] as BaseMessage[] } as unknown as RootSnapshot<unknown>);
    const bus: RootEventBus<unknown> = { channels: [], subscribe: () => () => undefined, root };
    const registry = new ChannelRegistry<ScopedThread, ProjectionShared>({ shared: bus });
    registry.bind(thread);
    const { store } = registry.acquire(messagesProjection([]));
    const [message] = (await import("../assembly/values-messages")).coerceMessages([
      { type: "ai", content: "from root", id: "r-1" },
    ]);
    root.setValue({ messages: [message] } as unknown as RootSnapshot<unknown>);
    expect(store.getSnapshot()).toEqual([message]);
    expect(thread.subscriptions).toHaveLength(0);
  });

  // Regression (reference B6): scoped history seeds joined nested namespaces with NUL, not `|`.
  it("seeds a nested namespace from its stored checkpoint, addressed with `|`", async () => {
    const { thread, registry } = setup();
    const getHistory = vi.fn(async () => [
      { values: { messages: [{ type: "ai", content: "stored draft", id: "d-1" }] } },
    ]);
    const namespace = ["research:1", "researcher:2"];
    const { store } = registry.acquire(messagesProjection(namespace, { history: { threads: { getHistory } } }));
    await vi.waitFor(() => expect(store.getSnapshot().map(textOf)).toEqual(["stored draft"]));
    expect(getHistory).toHaveBeenCalledWith(thread.threadId, {
      limit: 1,
      checkpoint: { checkpoint_ns: "research:1|researcher:2" },
    });
  });

  it("lets live values win over a history seed that answers late", async () => {
    const { thread, registry } = setup();
    let answer!: (value: unknown[]) => void;
    const getHistory = vi.fn(() => new Promise<unknown[]>((resolve) => (answer = resolve)));
    const { store } = registry.acquire(
      messagesProjection(SUBAGENT, { history: { threads: { getHistory: getHistory as never } } }),
    );
    thread.emit(valuesEvent(SUBAGENT, { messages: [{ type: "ai", content: "live", id: "l-1" }] }));
    answer([{ values: { messages: [{ type: "ai", content: "stale", id: "s-1" }] } }]);
    await nextMacrotask();
    expect(store.getSnapshot().map(textOf)).toEqual(["live"]);
  });
});

describe("valuesProjection", () => {
  it("holds the latest state of exactly its namespace, messages as instances", async () => {
    const { thread, registry } = setup();
    const { store } = registry.acquire(valuesProjection<{ step: number; history: BaseMessage[] }>(SUBAGENT, "history"));
    expect(store.getSnapshot()).toBeUndefined();
    thread.emit(valuesEvent(SUBAGENT, { step: 1, history: [{ type: "human", content: "hi", id: "h-1" }] }));
    await nextMacrotask();
    const first = store.getSnapshot();
    expect(first?.step).toBe(1);
    expect(textOf(first?.history[0])).toBe("hi");

    // Regression (reference B12): a nested child's values never overwrite the parent's.
    thread.emit(valuesEvent([...SUBAGENT, "child:1"], { step: 99, history: [] }));
    thread.emit(valuesEvent(SUBAGENT, { step: 2, history: [{ type: "human", content: "hi", id: "h-1" }] }));
    await nextMacrotask();
    const second = store.getSnapshot();
    expect(second?.step).toBe(2);
    expect(second?.history[0]).toBe(first?.history[0]);
  });

  it("uses a different key per messagesKey and namespace", () => {
    expect(valuesProjection(SUBAGENT, "a").key).not.toBe(valuesProjection(SUBAGENT, "b").key);
    expect(valuesProjection(SUBAGENT).key).not.toBe(valuesProjection(MODEL).key);
  });
});

describe("toolCallsProjection", () => {
  it("lists the namespace's own tool executions and hides the task call that started it", async () => {
    const { thread, registry } = setup();
    const { store } = registry.acquire(toolCallsProjection(SUBAGENT));
    thread.emit(
      protocolEvent("tools", { event: "tool-started", tool_call_id: "task-1", tool_name: "task", input: "{}" }, { namespace: SUBAGENT }),
      protocolEvent(
        "tools",
        { event: "tool-started", tool_call_id: "call-1", tool_name: "search", input: '{"query":"x"}' },
        { namespace: [...SUBAGENT, "tools:t-1"] },
      ),
      protocolEvent(
        "tools",
        { event: "tool-finished", tool_call_id: "call-1", output: "3 results" },
        { namespace: [...SUBAGENT, "tools:t-1"] },
      ),
    );
    await nextMacrotask();
    expect(store.getSnapshot()).toMatchObject([
      { id: "call-1", name: "search", input: { query: "x" }, status: "finished", output: "3 results" },
    ]);
  });
});
