import { describe, expect, it } from "vitest";
import type { ProtocolEvent } from "../protocol/types";
import { RunIdTracker } from "./run-id-tracker";

const event = (method: string, data: unknown, namespace: string[] = []): ProtocolEvent => ({
  type: "event",
  method,
  params: { namespace, timestamp: 0, data },
});
const lifecycle = (status: string) => event("lifecycle", { event: status });
const taskStart = (runId: string, namespace: string[] = []) => event("tasks", { id: "t", name: "agent", metadata: { run_id: runId } }, namespace);
const withSeq = (seq: number, base: ProtocolEvent): ProtocolEvent => ({ ...base, seq });

/** A tracker plus the history of its feed requests. */
function watched() {
  const requests: boolean[] = [];
  const tracker = new RunIdTracker((wanted) => requests.push(wanted));
  return { tracker, requests };
}

describe("RunIdTracker", () => {
  it("learns the run id from the first root task start of the run in flight", async () => {
    const tracker = new RunIdTracker();
    tracker.observe(lifecycle("running"));
    tracker.observe(taskStart("nested", ["child:1"]));
    expect(tracker.current).toBeUndefined();
    tracker.observe(taskStart("run-1"));
    tracker.observe(event("tasks", { id: "t", name: "agent", result: {} }));
    expect(tracker.current).toBe("run-1");
    expect(await tracker.waitForCurrent(10)).toBe("run-1");
    tracker.observe(lifecycle("completed"));
    expect(tracker.current).toBeUndefined();
    expect(tracker.last).toBe("run-1");
  });

  it("waits for the id of a run that was just started, and gives up when it ends", async () => {
    const tracker = new RunIdTracker();
    expect(await tracker.waitForCurrent(10)).toBeUndefined(); // nothing in flight: no wait
    tracker.expectRun();
    const waiting = tracker.waitForCurrent(1_000);
    tracker.observe(lifecycle("running"));
    tracker.observe(taskStart("run-2"));
    expect(await waiting).toBe("run-2");
    tracker.expectRun();
    const ended = tracker.waitForCurrent(1_000);
    tracker.observe(lifecycle("interrupted"));
    expect(await ended).toBeUndefined();
  });

  it("times out, and a failed command or a reset releases waiters", async () => {
    const tracker = new RunIdTracker();
    tracker.expectRun();
    expect(await tracker.waitForCurrent(5)).toBeUndefined();
    const waiting = tracker.waitForCurrent(1_000);
    tracker.cancelExpectedRun();
    expect(await waiting).toBeUndefined();
    tracker.expectRun();
    const reset = tracker.waitForCurrent(1_000);
    tracker.reset();
    expect(await reset).toBeUndefined();
    expect(tracker.last).toBeUndefined();
  });

  describe("the tasks feed (each task event carries the whole state)", () => {
    it("is never wanted for a run this controller started: run.start returns the id", async () => {
      const { tracker, requests } = watched();
      tracker.expectRun("local");
      tracker.observe(lifecycle("running"));
      tracker.runStarted("run-local");
      expect(await tracker.waitForCurrent(10)).toBe("run-local");
      tracker.observe(lifecycle("completed"));
      expect(tracker.last).toBe("run-local");
      expect(requests).toEqual([]);
    });

    it("is wanted for a resumed run until its first task arrives, then dropped", () => {
      const { tracker, requests } = watched();
      tracker.expectRun("foreign");
      expect(tracker.feedWanted).toBe(true);
      tracker.observe(lifecycle("running"));
      tracker.observe(taskStart("run-resumed"));
      expect(tracker.current).toBe("run-resumed");
      expect(tracker.feedWanted).toBe(false);
      tracker.observe(lifecycle("completed"));
      expect(requests).toEqual([true, false]);
    });

    it("is wanted when a run nobody here started appears, and dropped when it ends without a task", () => {
      const { tracker, requests } = watched();
      tracker.observe(lifecycle("running"));
      expect(tracker.feedWanted).toBe(true);
      tracker.observe(lifecycle("failed"));
      expect(requests).toEqual([true, false]);
    });

    it("ignores earlier runs' tasks that a feed opened mid-thread replays", () => {
      const { tracker } = watched();
      tracker.expectRun("foreign");
      tracker.observe(withSeq(3, taskStart("old-before-running")));
      tracker.observe(withSeq(40, lifecycle("running")));
      tracker.observe(withSeq(7, taskStart("old-replayed")));
      expect(tracker.current).toBeUndefined();
      tracker.observe(withSeq(41, taskStart("run-now")));
      expect(tracker.current).toBe("run-now");
      expect(tracker.last).toBe("run-now");
    });
  });
});
