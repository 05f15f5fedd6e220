import { describe, expect, it } from "vitest";
import type { ThreadState } from "../client/client";
import type { ProtocolEvent } from "../protocol/types";
import { InterruptList, interruptsFromState, isRunInFlight } from "./interrupts";

const requested = (id: string, payload: unknown, namespace: string[] = []): ProtocolEvent => ({
  type: "event",
  method: "input.requested",
  params: { namespace, timestamp: 0, data: { interrupt_id: id, payload } },
});

const state = (fields: Partial<ThreadState>): ThreadState =>
  ({ values: {}, next: [], tasks: [], metadata: {}, created_at: null, checkpoint: null, parent_checkpoint: null, ...fields }) as ThreadState;

describe("InterruptList", () => {
  it("records interrupts from any namespace once, oldest first", () => {
    const list = new InterruptList();
    expect(list.record(requested("a", { q: 1 }, ["tools:task-abc"]))).toBe(true);
    expect(list.record(requested("a", { q: 1 }, ["tools:task-abc"]))).toBe(false);
    expect(list.record(requested("b", "raw"))).toBe(true);
    expect(list.list).toEqual([
      { id: "a", value: { q: 1 }, namespace: ["tools:task-abc"] },
      { id: "b", value: "raw", namespace: [] },
    ]);
  });

  it("a human-in-the-loop request arrives with both casings", () => {
    const list = new InterruptList();
    list.record(requested("hitl", { action_requests: [{ action_name: "send", args: {} }] }));
    expect(list.list[0]!.value).toMatchObject({ actionRequests: [{ name: "send", action_name: "send" }] });
  });

  it("an answered interrupt never comes back, from a replay or from stored state", () => {
    const list = new InterruptList();
    list.record(requested("a", 1));
    list.resolve(["a"]);
    expect(list.list).toEqual([]);
    expect(list.record(requested("a", 1))).toBe(false);
    list.replace([{ id: "a", value: 1, namespace: [] }, { id: "new", value: 2, namespace: [] }]);
    expect(list.list.map((entry) => entry.id)).toEqual(["new"]);
  });

  it("remembers a bounded number of answered ids", () => {
    const list = new InterruptList();
    list.resolve(Array.from({ length: 300 }, (_, index) => `old-${index}`));
    // The oldest answers were forgotten: the memory does not grow with the thread.
    expect(list.record(requested("old-0", 1))).toBe(true);
    expect(list.record(requested("old-299", 1))).toBe(false);
  });

  it("clear() starts a run with no interrupts but keeps the answered ids; reset() forgets them", () => {
    const list = new InterruptList();
    list.resolve(["a"]);
    list.record(requested("b", 1));
    list.clear();
    expect(list.list).toEqual([]);
    expect(list.record(requested("a", 1))).toBe(false);
    list.reset();
    expect(list.record(requested("a", 1))).toBe(true);
  });
});

describe("stored state", () => {
  it("reads interrupts in task order, de-duplicated, namespaced by the task checkpoint", () => {
    const interrupts = interruptsFromState(
      state({
        tasks: [
          { id: "t1", name: "a", error: null, interrupts: [{ id: "i1", value: 1 }], checkpoint: { checkpoint_ns: "child:u1|inner:u2" } },
          { id: "t2", name: "b", error: null, interrupts: [{ id: "i2", value: 2 }, { id: "i1", value: 1 }] },
        ] as ThreadState["tasks"],
      }),
    );
    expect(interrupts).toEqual([
      { id: "i1", value: 1, namespace: ["child:u1", "inner:u2"] },
      { id: "i2", value: 2, namespace: [] },
    ]);
    expect(interruptsFromState(state({ tasks: undefined as never }))).toEqual([]);
  });

  it("a run is in flight with next nodes and no interrupt, or when next is missing", () => {
    expect(isRunInFlight(state({ next: ["agent"] }))).toBe(true);
    expect(isRunInFlight(state({ next: [] }))).toBe(false);
    expect(isRunInFlight(state({ next: undefined as never }))).toBe(true);
    const interrupted = state({ next: ["review"], tasks: [{ id: "t", name: "review", error: null, interrupts: [{ id: "i", value: 1 }] }] });
    expect(isRunInFlight(interrupted)).toBe(false);
  });
});
