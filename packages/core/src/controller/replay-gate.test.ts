import { describe, expect, it } from "vitest";
import type { ProtocolEvent } from "../protocol/types";
import { ReplayGate } from "./replay-gate";

const event = (seq: number, method: string, data: unknown = {}): ProtocolEvent => ({
  type: "event",
  method,
  seq,
  event_id: String(seq),
  params: { namespace: [], timestamp: 0, data },
});
const running = (seq: number) => event(seq, "lifecycle", { event: "running" });
const completed = (seq: number) => event(seq, "lifecycle", { event: "completed" });

describe("ReplayGate", () => {
  it("drops an earlier run's replay and delivers the new run from its running event", () => {
    const delivered: number[] = [];
    const gate = new ReplayGate(false, (e) => delivered.push(e.seq!));
    [running(1), event(2, "values"), completed(3), running(4), event(5, "messages")].forEach((e) => gate.push(e));
    expect(delivered).toEqual([]);
    gate.commandAccepted(4);
    expect(delivered).toEqual([4, 5]);
    gate.push(completed(6));
    expect(delivered).toEqual([4, 5, 6]);
  });

  it("waits for the replay to reach the command's mark before opening", () => {
    const delivered: number[] = [];
    const gate = new ReplayGate(false, (e) => delivered.push(e.seq!));
    gate.push(running(1));
    gate.commandAccepted(4);
    expect(delivered).toEqual([]);
    [event(2, "values"), completed(3), running(4)].forEach((e) => gate.push(e));
    expect(delivered).toEqual([4]);
  });

  it("an open gate passes everything", () => {
    const delivered: number[] = [];
    const gate = new ReplayGate(true, (e) => delivered.push(e.seq!));
    gate.push(event(1, "values"));
    expect(delivered).toEqual([1]);
  });

  it("events past the command's mark are delivered even when no root running was seen", () => {
    const delivered: number[] = [];
    const gate = new ReplayGate(false, (e) => delivered.push(e.seq!));
    gate.commandAccepted(3);
    [event(1, "values"), event(2, "values"), event(4, "messages"), event(5, "values")].forEach((e) => gate.push(e));
    expect(delivered).toEqual([4, 5]);
  });

  it("a server without ordering information (mark 0) opens the gate at once", () => {
    const delivered: number[] = [];
    const gate = new ReplayGate(false, (e) => delivered.push(e.seq!));
    gate.commandAccepted(0);
    gate.push(event(1, "values"));
    expect(delivered).toEqual([1]);
  });
});
