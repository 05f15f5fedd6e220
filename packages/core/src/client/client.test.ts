import { describe, expect, it } from "vitest";
import { headersFor, toWebSocketUrl } from "../transport/http";
import { Client } from "./client";

describe("Client", () => {
  it("sends the API key and headers with every request to the configured origin, keeping a path prefix", async () => {
    const requests: { url: string; headers: Record<string, string> }[] = [];
    const client = new Client({
      apiUrl: "https://agents.example.com/prefix/",
      apiKey: "secret",
      headers: { "x-tenant": "t1" },
      fetch: async (url, init) => {
        requests.push({ url, headers: init?.headers as Record<string, string> });
        return new Response(JSON.stringify({ values: {} }), { status: 200 });
      },
    });
    await client.threads.getState("0197a1c2-0000-7000-8000-000000000001");
    expect(requests[0]!.url).toBe("https://agents.example.com/prefix/threads/0197a1c2-0000-7000-8000-000000000001/state");
    expect(requests[0]!.headers["x-api-key"]).toBe("secret");
    expect(requests[0]!.headers["x-tenant"]).toBe("t1");
  });

  it("never sends configured credentials to another origin", () => {
    const configured = { "x-api-key": "secret" };
    expect(headersFor("https://cdn.other.com/a.png", "https://agents.example.com", configured, {})).toEqual({});
    expect(headersFor("https://agents.example.com/x", "https://agents.example.com", configured, {})).toEqual(configured);
  });

  it("mints a time-ordered UUID thread id when none is given", () => {
    const client = new Client({ apiUrl: "http://127.0.0.1:1" });
    const thread = client.threads.stream(undefined, {
      assistantId: "a",
      transport: { kind: "x", replaysOnOpen: true, bind() {}, send: async () => ({ type: "success", id: 1, result: {} }), openEvents: () => ({ ready: new Promise(() => undefined), closed: new Promise(() => undefined), close() {} }), close: async () => undefined },
    });
    expect(thread.threadId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    void thread.close();
  });

  it("derives WebSocket URLs without query or fragment", () => {
    expect(toWebSocketUrl("https://h.example/p/threads/t/stream/events?x=1#f")).toBe("wss://h.example/p/threads/t/stream/events");
    expect(toWebSocketUrl("http://127.0.0.1:2024/threads/t/stream/events")).toBe("ws://127.0.0.1:2024/threads/t/stream/events");
  });

  it("reports an HTTP failure with its status and the server's message", async () => {
    const client = new Client({
      apiUrl: "http://agents.example.com",
      fetch: async () => new Response(JSON.stringify({ message: "Thread is busy" }), { status: 409, statusText: "Conflict" }),
    });
    await expect(client.threads.getHistory("t")).rejects.toMatchObject({ status: 409, serverMessage: "Thread is busy" });
  });
});
