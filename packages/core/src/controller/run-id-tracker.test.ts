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
});
