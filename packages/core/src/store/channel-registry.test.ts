import { describe, expect, it, vi } from "vitest";
import { ChannelRegistry, ChannelRegistryDisposedError } from "./channel-registry.js";
import { scheduleMacrotask } from "./macrotask.js";
import { NotificationScheduler } from "./notification-scheduler.js";
import type { ProjectionContext, ProjectionErrorInfo, ProjectionRuntime, ProjectionSpec } from "./projection.js";

interface FakeThread {
  readonly id: string;
}

interface RootBus {
  readonly channels: readonly string[];
}

const nextMacrotask = () => new Promise<void>((resolve) => scheduleMacrotask(resolve));
const drainMicrotasks = async (rounds = 20) => {
  for (let index = 0; index < rounds; index += 1) await Promise.resolve();
};

/** A spec that records every open and dispose, and exposes the latest context for writing. */
function recordingSpec<T>(key: string, initial: T | (() => T), behaviour: Partial<ProjectionRuntime> = {}) {
  const opened: FakeThread[] = [];
  const contexts: Array<ProjectionContext<T, FakeThread>> = [];
  const dispose = vi.fn(behaviour.dispose ?? (() => {}));
  const spec: ProjectionSpec<T, FakeThread> = {
    key,
    initial,
    open(context) {
      opened.push(context.thread);
      contexts.push(context);
      return { dispose };
    },
  };
  return { spec, opened, contexts, dispose };
}

const threadA: FakeThread = { id: "a" };
const threadB: FakeThread = { id: "b" };

describe("ChannelRegistry", () => {
  it("does not open a runtime before a thread is bound; the store holds initial", () => {
    const registry = new ChannelRegistry<FakeThread>();
    const { spec, opened } = recordingSpec("messages|", ["seed"]);

    const { store } = registry.acquire(spec);
    expect(opened).toEqual([]);
    expect(store.getSnapshot()).toEqual(["seed"]);
    expect(registry.thread).toBeNull();
  });

  it("opens one runtime per key however many consumers acquire it, against the bound thread", () => {
    const registry = new ChannelRegistry<FakeThread>();
    registry.bind(threadA);
    const { spec, opened } = recordingSpec("messages|", 0);

    const first = registry.acquire(spec);
    const second = registry.acquire(spec);
    expect(opened).toEqual([threadA]);
    expect(second.store).toBe(first.store);
    expect(registry.size).toBe(1);
  });

  it("gives different keys separate stores and runtimes", () => {
    const registry = new ChannelRegistry<FakeThread>();
    registry.bind(threadA);
    const messages = recordingSpec("messages|", 0);
    const values = recordingSpec("values|", 0);

    const first = registry.acquire(messages.spec);
    const second = registry.acquire(values.spec);
    expect(second.store).not.toBe(first.store);
    expect(messages.opened).toHaveLength(1);
    expect(values.opened).toHaveLength(1);
    expect(registry.size).toBe(2);
  });

  it("disposes the runtime only after the last release, on a later macrotask; size drops at once", async () => {
    const registry = new ChannelRegistry<FakeThread>();
    registry.bind(threadA);
    const { spec, dispose } = recordingSpec("messages|", 0);
    const first = registry.acquire(spec);
    const second = registry.acquire(spec);

    first.release();
    await nextMacrotask();
    expect(dispose).not.toHaveBeenCalled();

    second.release();
    expect(registry.size).toBe(0);
    expect(dispose).not.toHaveBeenCalled();
    await nextMacrotask();
    expect(dispose).toHaveBeenCalledTimes(1);
  });

  it("keeps the runtime and the evolved store when re-acquired before the deferred dispose", async () => {
    const registry = new ChannelRegistry<FakeThread>();
    registry.bind(threadA);
    const { spec, opened, dispose, contexts } = recordingSpec("messages|", 0);
    const first = registry.acquire(spec);
    contexts[0]!.store.setValue(7);

    first.release();
    await drainMicrotasks(); // e.g. a framework that remounts from a microtask-based scheduler
    const second = registry.acquire(spec);
    await nextMacrotask();

    expect(second.store).toBe(first.store);
    expect(second.store.getSnapshot()).toBe(7);
    expect(opened).toHaveLength(1);
    expect(dispose).not.toHaveBeenCalled();

    second.release();
    await nextMacrotask();
    expect(dispose).toHaveBeenCalledTimes(1);
  });

  it("treats a second release of the same acquisition as a no-op", async () => {
    const registry = new ChannelRegistry<FakeThread>();
    registry.bind(threadA);
    const { spec, dispose } = recordingSpec("messages|", 0);
    const first = registry.acquire(spec);
    const second = registry.acquire(spec);

    first.release();
    first.release();
    await nextMacrotask();
    expect(registry.size).toBe(1);
    expect(dispose).not.toHaveBeenCalled();

    second.release();
    second.release();
    await nextMacrotask();
    expect(dispose).toHaveBeenCalledTimes(1);
    expect(registry.size).toBe(0);
  });

  it("opens against a thread bound after acquire, with the same store still at initial", () => {
    const registry = new ChannelRegistry<FakeThread>();
    const { spec, opened, contexts } = recordingSpec("messages|", "initial");
    const { store } = registry.acquire(spec);

    registry.bind(threadA);
    expect(opened).toEqual([threadA]);
    expect(contexts[0]!.store.getSnapshot()).toBe("initial");
    expect(store.getSnapshot()).toBe("initial");
    expect(registry.thread).toBe(threadA);
  });

  it("rebinding disposes the old runtime, opens against the new thread and resets the same store", () => {
    const registry = new ChannelRegistry<FakeThread>();
    registry.bind(threadA);
    const { spec, opened, dispose, contexts } = recordingSpec("messages|", () => [] as string[]);
    const { store } = registry.acquire(spec);
    const listener = vi.fn();
    store.subscribe(listener);
    contexts[0]!.store.setValue(["from a"]);

    registry.bind(threadB);
    expect(dispose).toHaveBeenCalledTimes(1);
    expect(opened).toEqual([threadA, threadB]);
    expect(store.getSnapshot()).toEqual([]);
    expect(listener).toHaveBeenCalledTimes(2); // the subscriber survived the swap and saw the reset
  });

  it("bind(null) disposes runtimes but keeps entries", () => {
    const registry = new ChannelRegistry<FakeThread>();
    registry.bind(threadA);
    const { spec, dispose, contexts } = recordingSpec("messages|", 0);
    const { store } = registry.acquire(spec);
    contexts[0]!.store.setValue(3);

    registry.bind(null);
    expect(dispose).toHaveBeenCalledTimes(1);
    expect(registry.size).toBe(1);
    expect(registry.thread).toBeNull();
    expect(store.getSnapshot()).toBe(0);
  });

  it("binding the thread that is already bound causes no churn", () => {
    const registry = new ChannelRegistry<FakeThread>();
    registry.bind(threadA);
    const { spec, opened, dispose, contexts } = recordingSpec("messages|", 0);
    const { store } = registry.acquire(spec);
    contexts[0]!.store.setValue(5);

    registry.bind(threadA);
    expect(opened).toHaveLength(1);
    expect(dispose).not.toHaveBeenCalled();
    expect(store.getSnapshot()).toBe(5);
  });

  it("drops writes from a runtime after it was disposed, so old-thread data cannot reach the reset store", () => {
    const registry = new ChannelRegistry<FakeThread>();
    registry.bind(threadA);
    const { spec, contexts } = recordingSpec("messages|", "empty");
    const { store } = registry.acquire(spec);
    const oldContext = contexts[0]!;

    registry.bind(threadB);
    expect(oldContext.signal.aborted).toBe(true);
    oldContext.store.setValue("late event from thread a");
    oldContext.store.setState(() => "another late event");
    expect(store.getSnapshot()).toBe("empty");

    contexts[1]!.store.setValue("from b");
    expect(store.getSnapshot()).toBe("from b");
  });

  it("disposes a pending-release entry at once when the thread changes instead of reopening it", () => {
    const registry = new ChannelRegistry<FakeThread>();
    registry.bind(threadA);
    const { spec, opened, dispose } = recordingSpec("messages|", 0);
    registry.acquire(spec).release();

    registry.bind(threadB);
    expect(dispose).toHaveBeenCalledTimes(1);
    expect(opened).toEqual([threadA]);

    registry.acquire(spec);
    expect(opened).toEqual([threadA, threadB]);
  });

  it("dispose() disposes every runtime, forgets entries, unbinds, and is idempotent", async () => {
    const registry = new ChannelRegistry<FakeThread>();
    registry.bind(threadA);
    const messages = recordingSpec("messages|", 0);
    const values = recordingSpec("values|", 0);
    registry.acquire(messages.spec);
    const pending = registry.acquire(values.spec);
    pending.release(); // waiting for its deferred dispose

    registry.dispose();
    registry.dispose();
    await nextMacrotask();
    expect(messages.dispose).toHaveBeenCalledTimes(1);
    expect(values.dispose).toHaveBeenCalledTimes(1);
    expect(registry.size).toBe(0);
    expect(registry.thread).toBeNull();
    expect(registry.disposed).toBe(true);
  });

  it("ignores release and bind after dispose, and rejects acquire with an error naming the fix", () => {
    const registry = new ChannelRegistry<FakeThread>();
    registry.bind(threadA);
    const { spec, opened } = recordingSpec("messages|", 0);
    const held = registry.acquire(spec);
    registry.dispose();

    expect(() => held.release()).not.toThrow();
    registry.bind(threadB);
    expect(opened).toEqual([threadA]);
    expect(() => registry.acquire(spec)).toThrow(ChannelRegistryDisposedError);
    expect(() => registry.acquire(spec)).toThrow(/create a new controller/);
  });

  it("a runtime whose dispose throws does not make release throw, and the entry is removed", async () => {
    const errors: Array<[unknown, ProjectionErrorInfo]> = [];
    const registry = new ChannelRegistry<FakeThread>({ onError: (error, info) => errors.push([error, info]) });
    registry.bind(threadA);
    const failure = new Error("dispose failed");
    const { spec, opened } = recordingSpec("messages|", 0, {
      dispose: () => {
        throw failure;
      },
    });

    const held = registry.acquire(spec);
    expect(() => held.release()).not.toThrow();
    await nextMacrotask();
    expect(errors).toEqual([[failure, { key: "messages|", phase: "dispose" }]]);

    registry.acquire(spec);
    expect(opened).toHaveLength(2); // a fresh entry, not the broken one
  });

  it("reports a rejected async dispose instead of leaving it unhandled", async () => {
    const onError = vi.fn();
    const registry = new ChannelRegistry<FakeThread>({ onError });
    registry.bind(threadA);
    const failure = new Error("unsubscribe failed");
    const { spec } = recordingSpec("messages|", 0, { dispose: () => Promise.reject(failure) });

    registry.acquire(spec);
    registry.dispose();
    await drainMicrotasks();
    expect(onError).toHaveBeenCalledWith(failure, { key: "messages|", phase: "dispose" });
  });

  it("a spec whose open throws does not break other entries and is retried on the next bind", () => {
    const onError = vi.fn();
    const registry = new ChannelRegistry<FakeThread>({ onError });
    registry.bind(threadA);
    let attempts = 0;
    const failure = new Error("open failed");
    const flaky: ProjectionSpec<string, FakeThread> = {
      key: "flaky|",
      initial: "initial",
      open() {
        attempts += 1;
        if (attempts === 1) throw failure;
        return { dispose() {} };
      },
    };
    const healthy = recordingSpec("healthy|", 0);

    const broken = registry.acquire(flaky);
    registry.acquire(healthy.spec);
    expect(broken.store.getSnapshot()).toBe("initial");
    expect(onError).toHaveBeenCalledWith(failure, { key: "flaky|", phase: "open" });
    expect(healthy.opened).toEqual([threadA]);

    registry.bind(threadB);
    expect(attempts).toBe(2);
    expect(healthy.opened).toEqual([threadA, threadB]);
  });

  it("routes errors reported by runtime work to onError with the key", () => {
    const onError = vi.fn();
    const registry = new ChannelRegistry<FakeThread>({ onError });
    registry.bind(threadA);
    const { spec, contexts } = recordingSpec("values|", 0);
    registry.acquire(spec);

    const failure = new Error("subscription dropped");
    contexts[0]!.reportError(failure);
    expect(onError).toHaveBeenCalledWith(failure, { key: "values|", phase: "runtime" });
  });

  it("passes the registry's shared values (the root event bus) to open", () => {
    const rootBus: RootBus = { channels: ["values", "messages"] };
    const registry = new ChannelRegistry<FakeThread, RootBus>({ shared: rootBus });
    registry.bind(threadA);
    const received: RootBus[] = [];
    registry.acquire<number>({
      key: "messages|",
      initial: 0,
      open(context) {
        received.push(context.shared);
        return { dispose() {} };
      },
    });
    expect(received).toEqual([rootBus]);
  });

  it("creates a fresh initial value from a thunk on each reset", () => {
    const registry = new ChannelRegistry<FakeThread>();
    registry.bind(threadA);
    const { spec, contexts } = recordingSpec("messages|", () => [] as string[]);
    const { store } = registry.acquire(spec);
    const firstInitial = store.getSnapshot();
    contexts[0]!.store.setValue(["x"]);

    registry.bind(threadB);
    expect(store.getSnapshot()).toEqual([]);
    expect(store.getSnapshot()).not.toBe(firstInitial);
  });

  it("batches the notifications of registry stores through the scheduler", async () => {
    const scheduler = new NotificationScheduler();
    const registry = new ChannelRegistry<FakeThread>({ scheduler });
    registry.bind(threadA);
    const { spec, contexts } = recordingSpec("messages|", 0);
    const { store } = registry.acquire(spec);
    const listener = vi.fn();
    store.subscribe(listener);

    for (let index = 1; index <= 200; index += 1) contexts[0]!.store.setValue(index);
    expect(listener).not.toHaveBeenCalled();
    await nextMacrotask();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot()).toBe(200);
  });
});
