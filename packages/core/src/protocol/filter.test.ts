import { describe, expect, it } from "vitest";
import { channelOfEvent, compileFilter, filterCovers, matchesFilter, unionFilter } from "./filter";
import type { ProtocolEvent } from "./types";

const at = (method: string, namespace: string[], data: unknown = {}): ProtocolEvent => ({
  type: "event",
  method,
  params: { namespace, timestamp: 0, data },
});

describe("protocol filters", () => {
  it("maps methods to channels, custom names included, unknown methods to none", () => {
    expect(channelOfEvent(at("input.requested", []))).toBe("input");
    expect(channelOfEvent(at("custom", [], { name: "progress" }))).toBe("custom:progress");
    expect(channelOfEvent(at("custom", [], { payload: 1 }))).toBe("custom");
    expect(channelOfEvent(at("future.thing", []))).toBeUndefined();
  });

  it("matches namespace prefixes literally or by node name, within depth", () => {
    const filter = { channels: ["messages" as const], namespaces: [["research"]], depth: 1 };
    expect(matchesFilter(filter, at("messages", ["research:1"]))).toBe(true);
    expect(matchesFilter(filter, at("messages", ["research:1", "model:2"]))).toBe(true);
    expect(matchesFilter(filter, at("messages", ["research:1", "model:2", "x:3"]))).toBe(false);
    expect(matchesFilter(filter, at("messages", ["other:1"]))).toBe(false);
    expect(matchesFilter({ channels: ["custom"] }, at("custom", ["a:1"], { name: "n" }))).toBe(true);
    expect(matchesFilter({ channels: ["custom:n"] }, at("custom", [], { name: "m" }))).toBe(false);
  });

  it("compiles filters to the same answers as matchesFilter", () => {
    const filters = [
      { channels: ["messages" as const] },
      { channels: ["messages" as const, "custom" as const], namespaces: [[]], depth: 1 },
      { channels: ["lifecycle" as const], namespaces: [[]], depth: 0 },
      { channels: ["custom:n" as const], namespaces: [["research"], ["tools:9"]], depth: 1 },
    ];
    const events = [
      at("messages", []),
      at("messages", ["a:1"]),
      at("messages", ["a:1", "b:2"]),
      at("custom", ["research:1"], { name: "n" }),
      at("custom", ["tools:9", "x:1", "y:2"], { name: "n" }),
      at("lifecycle", []),
      at("lifecycle", ["a:1"]),
    ];
    for (const filter of filters) {
      const compiled = compileFilter(filter);
      for (const event of events) {
        expect(compiled(channelOfEvent(event)!, event.params.namespace)).toBe(matchesFilter(filter, event));
      }
    }
  });

  it("builds a union that covers each part", () => {
    const parts = [
      { channels: ["messages" as const], namespaces: [[]], depth: 1 },
      { channels: ["lifecycle" as const, "custom:a" as const] },
    ];
    const union = unionFilter(parts);
    for (const part of parts) expect(filterCovers(union, part)).toBe(true);
    expect(filterCovers(parts[0]!, parts[1]!)).toBe(false);
  });
});
