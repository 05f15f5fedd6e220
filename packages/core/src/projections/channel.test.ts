import { describe, expect, it, vi } from "vitest";
import { protocolEvent } from "../assembly/test-support/events";
import type { RootEventBus } from "../controller/root-event-bus";
import type { RootSnapshot } from "../controller/types";
import type { ProtocolEvent } from "../protocol/types";
import { ChannelRegistry } from "../store/channel-registry";
import { StreamStore } from "../store/stream-store";
import { channelProjection } from "./channel";
import { acquireChannelEffect } from "./channel-effect";
import { extensionProjection } from "./extension";
import { FakeThread, nextMacrotask } from "./test-support/fake-thread";
import type { ProjectionShared, ScopedThread } from "./types";

const custom = (data: unknown, namespace: string[] = []) => protocolEvent("custom", data, { namespace });

function setup(shared?: RootEventBus<unknown>) {
  const thread = new FakeThread();
  const registry = new ChannelRegistry<ScopedThread, ProjectionShared>({ shared });
  registry.bind(thread);
  return { thread, registry };
}

describe("extensionProjection", () => {
  it("keeps the latest payload of its named channel at exactly its namespace", async () => {
    const { thread, registry } = setup();
    const { store } = registry.acquire(extensionProjection<{ percent: number }>("progress"));
    thread.emit(
      custom({ name: "progress", percent: 10 }),
      custom({ payload: "unnamed" }),
      custom({ name: "status", payload: "other name" }),
      custom({ name: "progress", percent: 99 }, ["child:1"]),
      custom({ name: "progress", percent: 40 }),
    );
    await nextMacrotask();
    expect(store.getSnapshot()).toEqual({ name: "progress", percent: 40 });
  });

  it("unwraps a `{name, payload}` envelope", async () => {
    const { thread, registry } = setup();
    const { store } = registry.acquire(extensionProjection("toolActivity"));
    thread.emit(custom({ name: "toolActivity", payload: { status: "finished" } }));
    await nextMacrotask();
    expect(store.getSnapshot()).toEqual({ status: "finished" });
  });
});

describe("channelProjection", () => {
  it("keeps at most bufferSize raw events, oldest dropped", async () => {
    const { thread, registry } = setup();
    const { store } = registry.acquire(channelProjection(["custom"], [], { bufferSize: 3 }));
    for (let index = 0; index < 10; index += 1) thread.emit(custom({ payload: index }));
    await nextMacrotask();
    expect(store.getSnapshot().map((event) => (event.params.data as { payload: number }).payload)).toEqual([7, 8, 9]);
  });

  it("replays history by default and skips it with replay: false", async () => {
    const { thread, registry } = setup();
    thread.emit(custom({ payload: "before" }));
    const replayed = registry.acquire(channelProjection(["custom"]));
    const live = registry.acquire(channelProjection(["custom"], [], { replay: false }));
    thread.emit(custom({ payload: "after" }));
    await nextMacrotask();
    const payloads = (events: readonly ProtocolEvent[]) => events.map((event) => (event.params.data as { payload: string }).payload);
    expect(payloads(replayed.store.getSnapshot())).toEqual(["before", "after"]);
    expect(payloads(live.store.getSnapshot())).toEqual(["after"]);
  });

  it("reads a controller's root events for live-only root channels, filtered by namespace", async () => {
    const listeners = new Set<(event: ProtocolEvent) => void>();
    const bus: RootEventBus<unknown> = {
      channels: ["lifecycle", "input"],
      subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
      root: new StreamStore({} as RootSnapshot<unknown>),
    };
    const { thread, registry } = setup(bus);
    const { store } = registry.acquire(channelProjection(["input"], [], { replay: false, depth: 0 }));
    for (const listener of listeners) {
      listener(protocolEvent("input.requested", { interrupt_id: "i-1", payload: 1 }));
      listener(protocolEvent("input.requested", { interrupt_id: "i-2", payload: 2 }, { namespace: ["child:1"] }));
    }
    await nextMacrotask();
    expect(thread.subscriptions).toHaveLength(0);
    expect(store.getSnapshot().map((event) => (event.params.data as { interrupt_id: string }).interrupt_id)).toEqual(["i-1"]);
  });

  it("keys every option that changes the output", () => {
    const keys = new Set([
      channelProjection(["custom"]).key,
      channelProjection(["custom"], [], { bufferSize: 10 }).key,
      channelProjection(["custom"], [], { replay: false }).key,
      channelProjection(["custom"], [], { depth: 0 }).key,
      channelProjection(["custom"], ["a:1"]).key,
      channelProjection(["custom", "values"]).key,
    ]);
    expect(keys.size).toBe(6);
    expect(channelProjection(["values", "custom"]).key).toBe(channelProjection(["custom", "values"]).key);
    expect(() => channelProjection(["custom"], [], { bufferSize: 0 })).toThrow(RangeError);
  });
});

describe("acquireChannelEffect", () => {
  it("delivers each event once, in order, skipping what was buffered before it attached", async () => {
    const { thread, registry } = setup();
    const sibling = registry.acquire(channelProjection(["custom"], [], { replay: false }));
    thread.emit(custom({ payload: "early" }));
    await nextMacrotask();
    const seen: unknown[] = [];
    const stop = acquireChannelEffect(registry, ["custom"], [], (event) => seen.push(event.params.data));
    thread.emit(custom({ payload: 1 }), custom({ payload: 2 }));
    await nextMacrotask();
    thread.emit(custom({ payload: 3 }));
    await nextMacrotask();
    expect(seen).toEqual([{ payload: 1 }, { payload: 2 }, { payload: 3 }]);
    stop();
    stop();
    thread.emit(custom({ payload: 4 }));
    await nextMacrotask();
    expect(seen).toHaveLength(3);
    sibling.release();
  });

  it("sends a throwing callback's error to onError and keeps delivering", async () => {
    const { thread, registry } = setup();
    const onError = vi.fn();
    const seen: unknown[] = [];
    acquireChannelEffect(
      registry,
      ["custom"],
      [],
      (event) => {
        const payload = (event.params.data as { payload: number }).payload;
        if (payload === 1) throw new Error("boom");
        seen.push(payload);
      },
      { onError },
    );
    thread.emit(custom({ payload: 1 }), custom({ payload: 2 }));
    await nextMacrotask();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: "boom" }), expect.objectContaining({ method: "custom" }));
    expect(seen).toEqual([2]);
  });

  it("delivers events of a newly bound thread after a rebind", async () => {
    const { thread, registry } = setup();
    const seen: unknown[] = [];
    acquireChannelEffect(registry, ["custom"], [], (event) => seen.push((event.params.data as { payload: string }).payload));
    thread.emit(custom({ payload: "old-1" }), custom({ payload: "old-2" }), custom({ payload: "old-3" }));
    await nextMacrotask();
    const next = new FakeThread("thread-2");
    registry.bind(next);
    next.emit(custom({ payload: "new-1" }), custom({ payload: "new-2" }), custom({ payload: "new-3" }), custom({ payload: "new-4" }));
    await nextMacrotask();
    expect(seen).toEqual(["old-1", "old-2", "old-3", "new-1", "new-2", "new-3", "new-4"]);
  });

  it("works straight on a thread, without a registry", async () => {
    const thread = new FakeThread();
    thread.emit(custom({ payload: "history" }));
    const seen: unknown[] = [];
    const stop = acquireChannelEffect(thread, ["custom"], [], (event) => seen.push(event.params.data));
    thread.emit(custom({ payload: "live" }));
    await nextMacrotask();
    expect(seen).toEqual([{ payload: "live" }]);
    stop();
    expect(thread.activeSubscriptions).toHaveLength(0);
  });
});
