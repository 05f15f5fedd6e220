import { afterEach, describe, expect, it, vi } from "vitest";
import { scheduleMacrotask } from "./macrotask.js";
import { NotificationScheduler } from "./notification-scheduler.js";
import { StreamStore } from "./stream-store.js";

const nextMacrotask = () => new Promise<void>((resolve) => scheduleMacrotask(resolve));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("StreamStore", () => {
  it("returns the same snapshot until the value changes, then notifies", () => {
    const initial = { count: 0 };
    const store = new StreamStore(initial);
    const seen: unknown[] = [];
    store.subscribe(() => seen.push(store.getSnapshot()));

    expect(store.getSnapshot()).toBe(initial);
    expect(store.getSnapshot()).toBe(store.getSnapshot());

    const next = { count: 1 };
    store.setValue(next);
    expect(store.getSnapshot()).toBe(next);
    expect(seen).toEqual([next]);
  });

  it("does not notify when the new value is Object.is-equal", () => {
    const store = new StreamStore<number>(Number.NaN);
    const listener = vi.fn();
    store.subscribe(listener);

    store.setValue(Number.NaN);
    store.setState((value) => value);
    expect(listener).not.toHaveBeenCalled();
  });

  it("setState passes the current value to the updater", () => {
    const store = new StreamStore<string[]>(["a"]);
    store.setState((lines) => [...lines, "b"]);
    store.setState((lines) => [...lines, "c"]);
    expect(store.getSnapshot()).toEqual(["a", "b", "c"]);
  });

  it("works with unbound methods (useSyncExternalStore passes them around)", () => {
    const store = new StreamStore(1);
    const { subscribe, getSnapshot, setValue, setState } = store;
    const listener = vi.fn();
    subscribe(listener);
    setValue(2);
    setState((value) => value + 1);
    expect(getSnapshot()).toBe(3);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it("stops notifying after unsubscribe, and unsubscribe is idempotent", () => {
    const store = new StreamStore(0);
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    const other = vi.fn();
    store.subscribe(other);

    unsubscribe();
    unsubscribe();
    store.setValue(1);
    expect(listener).not.toHaveBeenCalled();
    expect(other).toHaveBeenCalledTimes(1);
    expect(store.listenerCount).toBe(1);
  });

  it("treats each subscribe call as its own subscription", () => {
    const store = new StreamStore(0);
    const listener = vi.fn();
    const first = store.subscribe(listener);
    store.subscribe(listener);
    store.setValue(1);
    expect(listener).toHaveBeenCalledTimes(2);

    first();
    store.setValue(2);
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it("keeps notifying the other listeners when one throws", () => {
    const errors: unknown[] = [];
    const store = new StreamStore(0, { onListenerError: (error) => errors.push(error) });
    const before = vi.fn();
    const after = vi.fn();
    const failure = new Error("listener bug");
    store.subscribe(before);
    store.subscribe(() => {
      throw failure;
    });
    store.subscribe(after);

    expect(() => store.setValue(1)).not.toThrow();
    expect(before).toHaveBeenCalledTimes(1);
    expect(after).toHaveBeenCalledTimes(1);
    expect(errors).toEqual([failure]);
    expect(store.getSnapshot()).toBe(1);
  });

  it("reports listener errors as uncaught on a later microtask by default", () => {
    const queued: Array<() => void> = [];
    vi.stubGlobal("queueMicrotask", (callback: () => void) => queued.push(callback));
    const store = new StreamStore(0);
    const after = vi.fn();
    store.subscribe(() => {
      throw new Error("listener bug");
    });
    store.subscribe(after);

    expect(() => store.setValue(1)).not.toThrow();
    expect(after).toHaveBeenCalledTimes(1);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toThrow("listener bug");
  });

  it("does not call a listener that another listener unsubscribed mid-notification", () => {
    const store = new StreamStore(0);
    const calls: string[] = [];
    let unsubscribeSecond = () => {};
    store.subscribe(() => {
      calls.push("first");
      unsubscribeSecond();
    });
    unsubscribeSecond = store.subscribe(() => calls.push("second"));
    store.subscribe(() => calls.push("third"));

    store.setValue(1);
    expect(calls).toEqual(["first", "third"]);
  });

  it("lets a listener unsubscribe itself, and calls listeners added mid-notification from the next change", () => {
    const store = new StreamStore(0);
    const late = vi.fn();
    const once = vi.fn(() => {
      unsubscribeOnce();
      store.subscribe(late);
    });
    const unsubscribeOnce = store.subscribe(once);
    const steady = vi.fn();
    store.subscribe(steady);

    store.setValue(1);
    expect(late).not.toHaveBeenCalled();
    expect(steady).toHaveBeenCalledTimes(1);

    store.setValue(2);
    expect(once).toHaveBeenCalledTimes(1);
    expect(late).toHaveBeenCalledTimes(1);
    expect(steady).toHaveBeenCalledTimes(2);
  });

  it("does not re-enter listeners when a listener writes the store; every listener sees the final value", () => {
    const store = new StreamStore(0);
    const seen: Array<[string, number]> = [];
    store.subscribe(() => {
      seen.push(["clamp", store.getSnapshot()]);
      if (store.getSnapshot() > 10) store.setValue(10);
    });
    store.subscribe(() => seen.push(["render", store.getSnapshot()]));

    store.setValue(50);
    expect(store.getSnapshot()).toBe(10);
    // The second round starts after the first finished, in subscription order.
    expect(seen).toEqual([
      ["clamp", 50],
      ["render", 10],
      ["clamp", 10],
      ["render", 10],
    ]);
  });

  it("reports a listener that changes the value on every call instead of hanging", () => {
    const errors: unknown[] = [];
    const store = new StreamStore({}, { onListenerError: (error) => errors.push(error) });
    const runaway = vi.fn(() => store.setValue({}));
    store.subscribe(runaway);

    store.setValue({});
    expect(runaway).toHaveBeenCalledTimes(100);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/write only when the value differs/);
  });

  describe("with a scheduler", () => {
    it("updates the snapshot at once and notifies on the flush", async () => {
      const scheduler = new NotificationScheduler();
      const store = new StreamStore(0, { scheduler });
      const listener = vi.fn();
      store.subscribe(listener);

      store.setValue(1);
      store.setValue(2);
      expect(store.getSnapshot()).toBe(2);
      expect(listener).not.toHaveBeenCalled();

      await nextMacrotask();
      expect(listener).toHaveBeenCalledTimes(1);
    });

    it("skips the flush when the value went back to what listeners last saw", async () => {
      const scheduler = new NotificationScheduler();
      const initial = ["a"];
      const store = new StreamStore(initial, { scheduler });
      const listener = vi.fn();
      store.subscribe(listener);

      store.setValue(["b"]);
      store.setValue(initial);
      await nextMacrotask();
      expect(listener).not.toHaveBeenCalled();
    });

    it("reports a write made by a listener during a flush on the next flush", async () => {
      const scheduler = new NotificationScheduler();
      const store = new StreamStore(0, { scheduler });
      const seen: number[] = [];
      store.subscribe(() => {
        seen.push(store.getSnapshot());
        if (store.getSnapshot() === 1) store.setValue(2);
      });

      store.setValue(1);
      await nextMacrotask();
      expect(seen).toEqual([1]);
      await nextMacrotask();
      expect(seen).toEqual([1, 2]);
    });

    it("notifies synchronously once the scheduler is disposed", () => {
      const scheduler = new NotificationScheduler();
      const store = new StreamStore(0, { scheduler });
      const listener = vi.fn();
      store.subscribe(listener);
      scheduler.dispose();

      store.setValue(1);
      expect(listener).toHaveBeenCalledTimes(1);
    });
  });
});
