import { afterEach, describe, expect, it, vi } from "vitest";
import { scheduleMacrotask } from "./macrotask.js";
import { NotificationScheduler } from "./notification-scheduler.js";
import { StreamStore } from "./stream-store.js";

const nextMacrotask = () => new Promise<void>((resolve) => scheduleMacrotask(resolve));

/** A store wired to `scheduler` plus a counter of its notifications. */
function countedStore(scheduler: NotificationScheduler) {
  const store = new StreamStore(0, { scheduler });
  const listener = vi.fn();
  store.subscribe(listener);
  return { store, listener };
}

/** Yields `count` events the way a transport's async iterator does: one or more microtasks each. */
async function* eventsOfOneChunk(count: number): AsyncGenerator<number> {
  for (let index = 1; index <= count; index += 1) {
    await Promise.resolve();
    yield index;
  }
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("NotificationScheduler", () => {
  it("notifies each store once for a burst of 500 writes in one macrotask", async () => {
    const scheduler = new NotificationScheduler();
    const first = countedStore(scheduler);
    const second = countedStore(scheduler);

    for (let index = 1; index <= 500; index += 1) {
      first.store.setValue(index);
      second.store.setValue(-index);
    }
    await nextMacrotask();

    expect(first.listener).toHaveBeenCalledTimes(1);
    expect(second.listener).toHaveBeenCalledTimes(1);
    expect(first.store.getSnapshot()).toBe(500);
  });

  it("notifies once for events spread over many microtasks of one read chunk", async () => {
    const scheduler = new NotificationScheduler();
    const { store, listener } = countedStore(scheduler);

    const consumed = (async () => {
      for await (const event of eventsOfOneChunk(500)) store.setValue(event);
    })();
    await consumed;
    await nextMacrotask();

    expect(store.getSnapshot()).toBe(500);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("notifies again for changes that arrive in a later macrotask", async () => {
    const scheduler = new NotificationScheduler();
    const { store, listener } = countedStore(scheduler);

    store.setValue(1);
    await nextMacrotask();
    store.setValue(2);
    await nextMacrotask();

    expect(listener).toHaveBeenCalledTimes(2);
  });

  it("flushNow notifies synchronously and the scheduled flush does not notify twice", async () => {
    const scheduler = new NotificationScheduler();
    const { store, listener } = countedStore(scheduler);

    store.setValue(1);
    scheduler.flushNow();
    expect(listener).toHaveBeenCalledTimes(1);

    await nextMacrotask();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("notifies a store written by another store's listener on the next flush", async () => {
    const scheduler = new NotificationScheduler();
    const source = countedStore(scheduler);
    const derived = countedStore(scheduler);
    source.store.subscribe(() => derived.store.setValue(source.store.getSnapshot() * 2));

    source.store.setValue(21);
    await nextMacrotask();
    expect(derived.store.getSnapshot()).toBe(42);
    expect(derived.listener).not.toHaveBeenCalled();

    await nextMacrotask();
    expect(derived.listener).toHaveBeenCalledTimes(1);
  });

  it("keeps flushing the other stores when one notifier throws", async () => {
    const queued: Array<() => void> = [];
    vi.stubGlobal("queueMicrotask", (callback: () => void) => queued.push(callback));
    const scheduler = new NotificationScheduler();
    scheduler.markDirty(() => {
      throw new Error("broken notifier");
    });
    const { store, listener } = countedStore(scheduler);
    store.setValue(1);

    await nextMacrotask();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toThrow("broken notifier");
  });

  describe("prepare", () => {
    it("runs a batch task once per flush, before the stores it writes are notified in that same flush", async () => {
      const scheduler = new NotificationScheduler();
      const root = countedStore(scheduler);
      const scoped = countedStore(scheduler);
      let pending = 0;
      const publish = vi.fn(() => scoped.store.setValue(pending));
      const seenByRoot: number[] = [];
      root.store.subscribe(() => seenByRoot.push(scoped.store.getSnapshot()));

      for (let index = 1; index <= 50; index += 1) {
        pending = index;
        scheduler.prepare(publish);
      }
      root.store.setValue(1);
      await nextMacrotask();

      expect(publish).toHaveBeenCalledTimes(1);
      expect(scoped.listener).toHaveBeenCalledTimes(1);
      // The root's listener already saw the scoped store's batch.
      expect(seenByRoot).toEqual([50]);
    });

    it("runs pending tasks on flushNow, so a finished run shows every scoped change with it", () => {
      const scheduler = new NotificationScheduler({ throttleMs: 1_000 });
      const root = countedStore(scheduler);
      const scoped = countedStore(scheduler);
      scheduler.prepare(() => scoped.store.setValue(7));
      root.store.setValue(1);

      scheduler.flushNow();

      expect(scoped.store.getSnapshot()).toBe(7);
      expect(scoped.listener).toHaveBeenCalledTimes(1);
      expect(root.listener).toHaveBeenCalledTimes(1);
      scheduler.dispose();
    });

    it("drops a withdrawn task, reports a throwing one without starving the rest, and runs tasks on a macrotask after dispose", async () => {
      const reported: unknown[] = [];
      vi.stubGlobal("reportError", (error: unknown) => reported.push(error));
      const scheduler = new NotificationScheduler();
      const withdrawn = vi.fn();
      const after = vi.fn();
      scheduler.prepare(withdrawn)();
      scheduler.prepare(() => {
        throw new Error("broken batch");
      });
      scheduler.prepare(after);
      await nextMacrotask();
      await Promise.resolve();
      expect(withdrawn).not.toHaveBeenCalled();
      expect(after).toHaveBeenCalledTimes(1);
      expect(reported).toEqual([new Error("broken batch")]);

      scheduler.dispose();
      const late = vi.fn();
      scheduler.prepare(late);
      expect(late).not.toHaveBeenCalled();
      await nextMacrotask();
      expect(late).toHaveBeenCalledTimes(1);
    });
  });

  it("rejects a negative or non-finite throttle", () => {
    expect(() => new NotificationScheduler({ throttleMs: -1 })).toThrow(RangeError);
    expect(() => new NotificationScheduler({ throttleMs: Number.NaN })).toThrow(/throttleMs/);
  });

  describe("dispose", () => {
    it("drops a pending flush and cancels the throttle window", async () => {
      vi.useFakeTimers();
      const scheduler = new NotificationScheduler({ throttleMs: 50 });
      const { store, listener } = countedStore(scheduler);

      store.setValue(1);
      await vi.advanceTimersByTimeAsync(0);
      expect(listener).toHaveBeenCalledTimes(1);
      store.setValue(2); // would be the trailing notification
      scheduler.dispose();
      scheduler.dispose();

      await vi.advanceTimersByTimeAsync(200);
      expect(listener).toHaveBeenCalledTimes(1);
      expect(vi.getTimerCount()).toBe(0);
      expect(scheduler.disposed).toBe(true);
    });
  });

  describe("with throttleMs", () => {
    it("notifies the first change promptly, not at the end of the window", async () => {
      vi.useFakeTimers();
      const scheduler = new NotificationScheduler({ throttleMs: 50 });
      const { store, listener } = countedStore(scheduler);

      store.setValue(1);
      await vi.advanceTimersByTimeAsync(0);
      expect(listener).toHaveBeenCalledTimes(1);

      await vi.advanceTimersByTimeAsync(100);
      expect(listener).toHaveBeenCalledTimes(1); // no trailing duplicate when nothing changed
    });

    it("coalesces changes inside the window into one trailing notification at its end", async () => {
      vi.useFakeTimers();
      const scheduler = new NotificationScheduler({ throttleMs: 50 });
      const { store, listener } = countedStore(scheduler);
      const seen: number[] = [];
      store.subscribe(() => seen.push(store.getSnapshot()));

      store.setValue(1);
      await vi.advanceTimersByTimeAsync(0);
      await vi.advanceTimersByTimeAsync(10);
      store.setValue(2);
      await vi.advanceTimersByTimeAsync(10);
      store.setValue(3);
      await vi.advanceTimersByTimeAsync(29);
      expect(listener).toHaveBeenCalledTimes(1);

      await vi.advanceTimersByTimeAsync(1);
      expect(listener).toHaveBeenCalledTimes(2);
      expect(seen).toEqual([1, 3]);
    });

    it("notifies a steady stream about once per window, starting before the first window ends", async () => {
      vi.useFakeTimers();
      const scheduler = new NotificationScheduler({ throttleMs: 50 });
      const { store } = countedStore(scheduler);
      const notifiedAt: number[] = [];
      const start = Date.now();
      store.subscribe(() => notifiedAt.push(Date.now() - start));

      const writer = setInterval(() => store.setState((value) => value + 1), 5);
      await vi.advanceTimersByTimeAsync(200);
      clearInterval(writer);
      await vi.advanceTimersByTimeAsync(100);

      expect(store.getSnapshot()).toBe(40);
      expect(notifiedAt.length).toBeGreaterThanOrEqual(4);
      expect(notifiedAt.length).toBeLessThanOrEqual(6);
      expect(notifiedAt[0]).toBeLessThan(50);
      // Never a trailing-only debounce: a notification lands in every window while writes continue.
      for (let index = 1; index < notifiedAt.length; index += 1) {
        expect(notifiedAt[index]! - notifiedAt[index - 1]!).toBeLessThanOrEqual(50);
      }
    });

    it("never notifies twice within the window, even when the host fires timers early", async () => {
      vi.useFakeTimers();
      // Node measures setTimeout from the start of the loop iteration, so a window timer can fire
      // about 1 ms before `throttleMs` passed since the flush that armed it.
      const setFakeTimeout = globalThis.setTimeout;
      vi.stubGlobal("setTimeout", (callback: () => void, delay = 0) => setFakeTimeout(callback, Math.max(0, delay - 1)));
      const scheduler = new NotificationScheduler({ throttleMs: 16 });
      const { store } = countedStore(scheduler);
      const notifiedAt: number[] = [];
      store.subscribe(() => notifiedAt.push(performance.now()));

      const writer = setInterval(() => store.setState((value) => value + 1), 1);
      await vi.advanceTimersByTimeAsync(300);
      clearInterval(writer);
      await vi.advanceTimersByTimeAsync(50);

      expect(notifiedAt.length).toBeGreaterThanOrEqual(15);
      const gaps = notifiedAt.slice(1).map((time, index) => time - notifiedAt[index]!);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(16);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(18);
    });

    it("a change right after a window closed early still waits for the window's end", async () => {
      vi.useFakeTimers();
      const scheduler = new NotificationScheduler({ throttleMs: 16 });
      const { store } = countedStore(scheduler);
      const notifiedAt: number[] = [];
      store.subscribe(() => notifiedAt.push(performance.now()));

      store.setValue(1);
      await vi.advanceTimersByTimeAsync(0);
      await vi.advanceTimersByTimeAsync(10);
      store.setValue(2); // the window is still open: no leading flush
      await vi.advanceTimersByTimeAsync(30);
      store.setValue(3); // long after: notified promptly
      await vi.advanceTimersByTimeAsync(0);

      expect(notifiedAt.map((time) => time - notifiedAt[0]!)).toEqual([0, 16, 40]);
    });

    it("flushNow inside a window notifies at once and leaves nothing for the window's end", async () => {
      vi.useFakeTimers();
      const scheduler = new NotificationScheduler({ throttleMs: 50 });
      const { store, listener } = countedStore(scheduler);

      store.setValue(1);
      await vi.advanceTimersByTimeAsync(0);
      store.setValue(2);
      scheduler.flushNow();
      expect(listener).toHaveBeenCalledTimes(2);

      await vi.advanceTimersByTimeAsync(100);
      expect(listener).toHaveBeenCalledTimes(2);
    });
  });
});
