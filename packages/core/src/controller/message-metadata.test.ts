import { describe, expect, it } from "vitest";
import { MessageMetadataTracker } from "./message-metadata";

function tracked() {
  const tracker = new MessageMetadataTracker();
  let notifications = 0;
  tracker.store.subscribe(() => (notifications += 1));
  return { tracker, notifications: () => notifications };
}

describe("MessageMetadataTracker", () => {
  it("starts empty and records the checkpoint each message is first seen at", () => {
    const { tracker, notifications } = tracked();
    expect(tracker.store.getSnapshot().size).toBe(0);
    tracker.recordFirstSeen(["h1"], "cp-0");
    tracker.recordFirstSeen(["h1", "a1"], "cp-1");
    expect(tracker.store.getSnapshot().get("h1")).toEqual({ parentCheckpointId: "cp-0" });
    expect(tracker.store.getSnapshot().get("a1")).toEqual({ parentCheckpointId: "cp-1" });
    expect(notifications()).toBe(2);
  });

  it("never overwrites a first-seen checkpoint (regression: every superstep moved all of them)", () => {
    const { tracker } = tracked();
    tracker.recordFirstSeen(["h1"], "cp-0");
    tracker.recordFirstSeen(["h1"], "cp-5");
    expect(tracker.store.getSnapshot().get("h1")?.parentCheckpointId).toBe("cp-0");
  });

  it("a write that changes nothing keeps the snapshot and does not notify", () => {
    const { tracker, notifications } = tracked();
    tracker.recordFirstSeen(["h1"], "cp-0");
    const snapshot = tracker.store.getSnapshot();
    tracker.recordFirstSeen(["h1"], "cp-1");
    tracker.recordFirstSeen([], "cp-2");
    tracker.setOptimisticStatus(["h1"], "sent");
    tracker.prune(() => true);
    expect(tracker.store.getSnapshot()).toBe(snapshot);
    expect(notifications()).toBe(1);
  });

  it("pending input turns sent when echoed, keeping the parent it gets then; only pending ids change status", () => {
    const { tracker } = tracked();
    tracker.recordFirstSeen(["server"], "cp-0");
    tracker.setOptimisticStatus(["mine"], "pending");
    expect(tracker.pendingIds(["mine", "server"])).toEqual(["mine"]);
    tracker.setOptimisticStatus(["server"], "failed");
    expect(tracker.store.getSnapshot().get("server")).toEqual({ parentCheckpointId: "cp-0" });
    tracker.recordFirstSeen(["mine"], "cp-1");
    expect(tracker.store.getSnapshot().get("mine")).toEqual({ parentCheckpointId: "cp-1", optimisticStatus: "sent" });
  });

  it("prune drops messages that left the conversation but keeps unconfirmed input (bounded map)", () => {
    const { tracker } = tracked();
    tracker.recordFirstSeen(["a", "b"], "cp-0");
    tracker.setOptimisticStatus(["pending"], "pending");
    tracker.setOptimisticStatus(["failed"], "pending");
    tracker.setOptimisticStatus(["failed"], "failed");
    tracker.prune((id) => id === "a");
    expect([...tracker.store.getSnapshot().keys()].sort()).toEqual(["a", "failed", "pending"]);
  });

  it("assignParents fills only unknown parents; reset empties everything with one notification", () => {
    const { tracker, notifications } = tracked();
    tracker.recordFirstSeen(["loaded"], undefined);
    tracker.recordFirstSeen(["live"], "cp-9");
    tracker.assignParents(new Map([["loaded", "cp-1"], ["live", "cp-2"], ["unknown", "cp-3"]]));
    const snapshot = tracker.store.getSnapshot();
    expect(snapshot.get("loaded")?.parentCheckpointId).toBe("cp-1");
    expect(snapshot.get("live")?.parentCheckpointId).toBe("cp-9");
    expect(snapshot.has("unknown")).toBe(false);
    const before = notifications();
    tracker.reset();
    expect(tracker.store.getSnapshot().size).toBe(0);
    expect(notifications()).toBe(before + 1);
  });

  it("applyValuesChange records added ids, confirms echoed input and drops removed ids except unconfirmed input", () => {
    const { tracker, notifications } = tracked();
    tracker.applyValuesChange({ added: ["h1", "a1"], removed: [] }, new Set(["h1", "a1"]), "cp-0");
    tracker.setOptimisticStatus(["mine", "lost"], "pending");
    // The echo of "mine" under an id the list already held is confirmed though it is not "added".
    tracker.applyValuesChange({ added: [], removed: ["a1", "lost"] }, new Set(["h1", "mine"]), "cp-1");
    const snapshot = tracker.store.getSnapshot();
    expect(snapshot.get("h1")).toEqual({ parentCheckpointId: "cp-0" });
    expect(snapshot.has("a1")).toBe(false);
    expect(snapshot.get("mine")).toEqual({ parentCheckpointId: "cp-1", optimisticStatus: "sent" });
    expect(snapshot.get("lost")?.optimisticStatus).toBe("pending");
    const before = notifications();
    tracker.applyValuesChange({ added: [], removed: [] }, new Set(["h1", "mine"]), "cp-2");
    expect(notifications()).toBe(before);
  });

  it("sees input marked pending by someone else writing the store", () => {
    const { tracker } = tracked();
    tracker.store.setValue(new Map([["outside", { parentCheckpointId: undefined, optimisticStatus: "pending" as const }]]));
    tracker.applyValuesChange({ added: [], removed: [] }, new Set(["outside"]), "cp-3");
    expect(tracker.store.getSnapshot().get("outside")?.optimisticStatus).toBe("sent");
  });

  it("forget drops the entries of messages that left, unsent input included", () => {
    const tracker = new MessageMetadataTracker();
    tracker.recordFirstSeen(["kept", "gone"], "cp-1");
    tracker.setOptimisticStatus(["unsent"], "pending");
    tracker.setOptimisticStatus(["unsent"], "failed");
    tracker.forget(new Set(["gone", "unsent", "never-known"]));
    expect([...tracker.store.getSnapshot().keys()]).toEqual(["kept"]);
  });
});
