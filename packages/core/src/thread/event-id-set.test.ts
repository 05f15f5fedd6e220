import { describe, expect, it } from "vitest";
import { EventIdSet } from "./event-id-set";

describe("EventIdSet", () => {
  it("tracks numeric and other ids without confusing their forms", () => {
    const ids = new EventIdSet();
    expect(ids.add("7")).toBe(true);
    expect(ids.add("7")).toBe(false);
    expect(ids.has("07")).toBe(false);
    expect(ids.add("07")).toBe(true);
    expect(ids.add("evt-1")).toBe(true);
    expect(ids.has("evt-1")).toBe(true);
    expect(ids.has("8")).toBe(false);
    expect(ids.add("123456789")).toBe(true);
    expect(ids.has("123456789")).toBe(true);
    expect(ids.add("99999999999")).toBe(true);
    expect(ids.has("99999999999")).toBe(true);
    expect(ids.size).toBe(5);
    ids.clear();
    expect(ids.has("7")).toBe(false);
    expect(ids.size).toBe(0);
  });

  it("keeps 100,000 sequential ids in a bitmap, not in a string set", () => {
    const ids = new EventIdSet();
    for (let seq = 1; seq <= 100_000; seq += 1) ids.add(String(seq));
    expect(ids.size).toBe(100_000);
    for (let seq = 1; seq <= 100_000; seq += 997) expect(ids.has(String(seq))).toBe(true);
    expect(ids.has("100001")).toBe(false);
  });
});
