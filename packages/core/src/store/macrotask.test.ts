import { afterEach, describe, expect, it, vi } from "vitest";
import { scheduleMacrotask } from "./macrotask.js";

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Schedules three callbacks plus a chain of microtasks and resolves with the observed order. */
async function observeOrder(): Promise<string[]> {
  const order: string[] = [];
  const done = new Promise<void>((resolve) => {
    scheduleMacrotask(() => order.push("first"));
    const cancel = scheduleMacrotask(() => order.push("cancelled"));
    scheduleMacrotask(() => {
      order.push("second");
      resolve();
    });
    cancel();
  });
  // A chain of microtasks, each queued by the previous one, must all run before any macrotask.
  let chain = Promise.resolve();
  for (let index = 0; index < 50; index += 1) chain = chain.then(() => undefined);
  void chain.then(() => order.push("microtasks drained"));
  await done;
  return order;
}

const expectedOrder = ["microtasks drained", "first", "second"];

describe("scheduleMacrotask", () => {
  it("runs after the microtask queue drains, in order, honouring cancel (setImmediate)", async () => {
    expect(await observeOrder()).toEqual(expectedOrder);
  });

  it("falls back to MessageChannel when setImmediate is missing", async () => {
    vi.stubGlobal("setImmediate", undefined);
    const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
    expect(await observeOrder()).toEqual(expectedOrder);
    expect(setTimeoutSpy).not.toHaveBeenCalled();
    setTimeoutSpy.mockRestore();
  });

  it("ignores a setImmediate polyfilled without clearImmediate, so cancelling still works", async () => {
    const polyfill = vi.fn((callback: () => void) => setTimeout(callback, 0));
    vi.stubGlobal("setImmediate", polyfill);
    vi.stubGlobal("clearImmediate", undefined);
    expect(await observeOrder()).toEqual(expectedOrder);
    expect(polyfill).not.toHaveBeenCalled();
  });

  it("falls back to setTimeout(0) when neither setImmediate nor MessageChannel exists", async () => {
    vi.stubGlobal("setImmediate", undefined);
    vi.stubGlobal("MessageChannel", undefined);
    expect(await observeOrder()).toEqual(expectedOrder);
  });
});
