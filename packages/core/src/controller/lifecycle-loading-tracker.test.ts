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
});
