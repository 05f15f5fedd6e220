import { describe, expect, it } from "vitest";
import type { ProtocolEvent } from "../protocol/types";
import { LifecycleLoadingTracker } from "./lifecycle-loading-tracker";

const lifecycle = (status: string, namespace: string[] = [], extra: Record<string, unknown> = {}): ProtocolEvent => ({
  type: "event",
  method: "lifecycle",
  params: { namespace, timestamp: 0, data: { event: status, ...extra } },
});

describe("LifecycleLoadingTracker", () => {
  it("running sets loading, a root terminal clears it and wakes waiters with the failure", async () => {
    const loading: boolean[] = [];
    const tracker = new LifecycleLoadingTracker((value) => loading.push(value));
    const outcome = tracker.nextTerminal(new AbortController().signal);
    tracker.handle(lifecycle("running"));
    tracker.handle(lifecycle("completed", ["child:1"]));
    tracker.handle(lifecycle("failed", [], { error: JSON.stringify({ error: "Error", message: "boom" }) }));
    expect(loading).toEqual([true, false]);
    const result = await outcome;
    expect(result.status).toBe("failed");
    expect(result.status === "failed" && result.error?.message).toBe("boom");
  });

  it("ignores a replaced run's terminal until the new run's running (regression: isLoading dropped on rollback)", () => {
    const loading: boolean[] = [];
    const tracker = new LifecycleLoadingTracker((value) => loading.push(value));
    tracker.expectRunStart();
    expect(tracker.handle(lifecycle("interrupted"))).toBeUndefined();
    tracker.handle(lifecycle("running"));
    expect(tracker.handle(lifecycle("completed"))?.status).toBe("completed");
    expect(loading).toEqual([true, false]);
  });

  it("an aborted signal resolves the waiter as aborted", async () => {
    const tracker = new LifecycleLoadingTracker(() => undefined);
    const controller = new AbortController();
    const outcome = tracker.nextTerminal(controller.signal);
    controller.abort();
    expect(await outcome).toEqual({ status: "aborted" });
  });

  it.each(["completed", "failed", "interrupted"])("%s at the root ends the run at once", (status) => {
    const loading: boolean[] = [];
    const tracker = new LifecycleLoadingTracker((value) => loading.push(value));
    tracker.handle(lifecycle("running"));
    expect(tracker.handle(lifecycle(status))?.status).toBe(status);
    expect(loading).toEqual([true, false]);
  });

  it("ignores other channels, nested namespaces and unknown lifecycle names", () => {
    const loading: boolean[] = [];
    const tracker = new LifecycleLoadingTracker((value) => loading.push(value));
    tracker.handle({ type: "event", method: "values", params: { namespace: [], timestamp: 0, data: { event: "running" } } });
    tracker.handle(lifecycle("running", ["child:1"]));
    tracker.handle(lifecycle("started"));
    tracker.handle(lifecycle("paused"));
    expect(loading).toEqual([]);
  });

  it("reset() resolves waiting submits as aborted and forgets an expected run start", async () => {
    const loading: boolean[] = [];
    const tracker = new LifecycleLoadingTracker((value) => loading.push(value));
    tracker.expectRunStart();
    const outcome = tracker.nextTerminal(new AbortController().signal);
    tracker.reset();
    expect(await outcome).toEqual({ status: "aborted" });
    expect(tracker.handle(lifecycle("completed"))?.status).toBe("completed");
  });
});
