import { describe, expect, it } from "vitest";
import { Client } from "../client/client";
import { controllerRebuildKey, mustRebuildController, normalizeStreamOptions, resolveServerOptions } from "./options";

describe("stream options", () => {
  it("compares by value: equal options written anew do not rebuild", () => {
    const previous = { assistantId: "a", apiUrl: "http://x", headers: { b: "1", a: "2" }, onThreadId: () => undefined };
    const next = { apiUrl: "http://x", headers: { a: "2", b: "1" }, assistantId: "a", onThreadId: () => undefined };
    expect(mustRebuildController(previous, next)).toBe(false);
    expect(mustRebuildController(previous, { ...next, threadId: "other" })).toBe(false);
    expect(mustRebuildController(previous, { ...next, apiKey: "k" })).toBe(true);
    expect(mustRebuildController(previous, { ...next, transport: "websocket" })).toBe(true);
  });

  it("follows client identity", () => {
    const client = new Client({ apiUrl: "http://x" });
    expect(controllerRebuildKey({ assistantId: "a", client })).toBe(controllerRebuildKey({ assistantId: "a", client }));
    expect(controllerRebuildKey({ assistantId: "a", client })).not.toBe(
      controllerRebuildKey({ assistantId: "a", client: new Client({ apiUrl: "http://x" }) }),
    );
  });

  it("builds a client from apiUrl and rejects options without a server", () => {
    const { controllerOptions } = normalizeStreamOptions({ assistantId: "a", apiUrl: "http://x" });
    expect(controllerOptions.client.apiUrl).toBe("http://x");
    expect(() => normalizeStreamOptions({ assistantId: "a" })).toThrow(/client.*apiUrl/);
    expect(() => normalizeStreamOptions({ assistantId: "", apiUrl: "http://x" })).toThrow(/assistantId/);
  });
});

describe("resolveServerOptions", () => {
  const fallback = new Client({ apiUrl: "http://default" });

  it("uses the defaults' server when the stream names none, and its own otherwise", () => {
    expect(resolveServerOptions({}, { client: fallback, apiKey: "k" })).toEqual({ client: fallback, apiUrl: undefined, apiKey: "k" });
    expect(resolveServerOptions({ apiUrl: "http://own" }, { client: fallback, apiUrl: "http://default", apiKey: "k" })).toEqual({
      client: undefined,
      apiUrl: "http://own",
      apiKey: "k",
    });
    expect(resolveServerOptions({ apiKey: "own" }, { apiUrl: "http://default", apiKey: "k" })).toEqual({
      client: undefined,
      apiUrl: "http://default",
      apiKey: "own",
    });
  });
});
