import { afterEach, describe, expect, it, vi } from "vitest";
import type { ProtocolEvent } from "../protocol/types";
import { RunFloor } from "./run-floor";

function rootLifecycle(seq: number, status: string): ProtocolEvent {
  return { type: "event", method: "lifecycle", seq, params: { namespace: [], timestamp: 0, data: { event: status } } } as unknown as ProtocolEvent;
}
function other(seq: number): ProtocolEvent {
  return { type: "event", method: "values", seq, params: { namespace: [], timestamp: 0, data: {} } } as unknown as ProtocolEvent;
}

describe("RunFloor", () => {
  afterEach(() => vi.useRealTimers());

  it("holds readers until the replay reached the server's mark, then starts after the last run that ended", async () => {
    const floor = new RunFloor();
    floor.begin(0);
    const settled = floor.settled!;
    let done = false;
    void settled.then(() => (done = true));
    floor.accepted(12);
    // The thread's earlier runs arrive after the answer (a stream that just connected).
    floor.observe(rootLifecycle(1, "running"));
    floor.observe(other(5));
    floor.observe(rootLifecycle(6, "completed"));
    floor.observe(rootLifecycle(7, "running"));
    floor.observe(rootLifecycle(11, "interrupted"));
    await Promise.resolve();
    expect(done).toBe(false);
    floor.observe(rootLifecycle(12, "running")); // the new run, at the mark
    await settled;
    expect(floor.seq).toBe(11);
    expect(floor.settled).toBeUndefined();
  });

  it("settles at once when the replay is already past the mark, and on failure keeps the begin floor", async () => {
    const floor = new RunFloor();
    floor.observe(rootLifecycle(1, "running"));
    floor.observe(rootLifecycle(4, "completed"));
    floor.begin(4);
    floor.accepted(4);
    expect(floor.settled).toBeUndefined();
    expect(floor.seq).toBe(4);
    floor.begin(4);
    floor.failed();
    expect(floor.settled).toBeUndefined();
    expect(floor.seq).toBe(4);
  });

  it("settles after a timeout when the mark never shows up in this stream's events", async () => {
    vi.useFakeTimers();
    const floor = new RunFloor();
    floor.begin(0);
    const settled = floor.settled!;
    floor.accepted(50);
    floor.observe(rootLifecycle(3, "completed"));
    vi.advanceTimersByTime(3_000);
    await settled;
    expect(floor.seq).toBe(3);
  });

  it("a run started elsewhere moves the floor to just before its running", () => {
    const floor = new RunFloor();
    floor.observe(rootLifecycle(1, "running"));
    floor.observe(rootLifecycle(9, "completed"));
    floor.observe(rootLifecycle(10, "running"));
    expect(floor.seq).toBe(9);
  });
});

describe("RunFloor after the server's sequence started over", () => {
  it("forgets the old seqs, so the new run's events are above the floor", async () => {
    const floor = new RunFloor();
    floor.observe(rootLifecycle(1, "running"));
    floor.observe(rootLifecycle(40, "completed"));
    floor.begin(40);
    floor.restart();
    floor.accepted(0);
    expect(floor.settled).toBeUndefined();
    expect(floor.seq).toBe(0);
    floor.observe(rootLifecycle(1, "running"));
    expect(floor.seq).toBe(0);
  });
});
