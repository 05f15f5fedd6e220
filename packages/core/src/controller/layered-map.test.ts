import { describe, expect, it } from "vitest";
import { LayeredMap } from "./layered-map";

describe("LayeredMap", () => {
  it("reads like a Map and leaves the snapshot it was derived from unchanged", () => {
    const first = LayeredMap.from([["a", 1], ["b", 2]]);
    const second = first.with([["c", 3], ["a", 10]], ["b"]);
    expect([...first]).toEqual([["a", 1], ["b", 2]]);
    expect([...second]).toEqual([["a", 10], ["c", 3]]);
    expect(second.size).toBe(2);
    expect(second.get("b")).toBeUndefined();
    expect(second.has("b")).toBe(false);
    expect(second.has("c")).toBe(true);
    expect([...second.keys()]).toEqual(["a", "c"]);
    expect([...second.values()]).toEqual([10, 3]);
    const seen: string[] = [];
    second.forEach((value, key) => seen.push(`${key}=${value}`));
    expect(seen).toEqual(["a=10", "c=3"]);
  });

  it("deleting a missing key or re-adding a deleted one keeps the size right", () => {
    const map = LayeredMap.from([["a", 1]]).with([], ["missing", "a"]).with([["a", 2]], []);
    expect(map.size).toBe(1);
    expect(map.get("a")).toBe(2);
    expect(LayeredMap.empty<string, number>().with([["x", 1]], ["x"]).size).toBe(0);
  });

  it("stays equal to a plain Map under many small writes (merging its layer as it grows)", () => {
    let layered = LayeredMap.empty<string, number>();
    const plain = new Map<string, number>();
    for (let step = 0; step < 3_000; step += 1) {
      const set: [string, number][] = [[`k${step}`, step]];
      const deleted = step % 3 === 0 ? [`k${step - 7}`] : [];
      layered = layered.with(set, deleted);
      for (const [key, value] of set) plain.set(key, value);
      for (const key of deleted) plain.delete(key);
    }
    expect(layered.size).toBe(plain.size);
    expect(new Map(layered)).toEqual(plain);
    for (const key of ["k0", "k7", "k8", "k2999"]) expect(layered.get(key)).toBe(plain.get(key));
  });
});
