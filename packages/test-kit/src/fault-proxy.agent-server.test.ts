import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { agentServerUrl } from "./agent-server-url.js";
import { startFaultProxy, type FaultProxy } from "./fault-proxy.js";
import { connectWebSocket, openSse, webSocketUrl, type SseReading } from "./fault-proxy.fixtures.js";

const ALL_CHANNELS = { channels: ["lifecycle", "input", "values", "updates", "messages", "tools", "custom"] };

const runStartCommand = (id: number) => ({
  id,
  method: "run.start",
  params: { assistant_id: "text", input: { messages: [{ type: "human", content: "hi" }] } },
});

interface WireEvent {
  type: string;
  method?: string;
  params?: { namespace: string[]; data: { event?: string } };
}

const isRootCompleted = (event: WireEvent) =>
  event.type === "event" &&
  event.method === "lifecycle" &&
  event.params?.namespace.length === 0 &&
  event.params.data.event === "completed";

const sseData = (frame: string): WireEvent =>
  JSON.parse(frame.split("\n").find((line) => line.startsWith("data: "))?.slice(6) ?? "null") as WireEvent;

async function startRun(baseUrl: string, threadId: string): Promise<void> {
  const response = await fetch(`${baseUrl}/threads/${threadId}/commands`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(runStartCommand(1)),
  });
  expect(await response.json()).toMatchObject({ type: "success", id: 1 });
}

const waitForCompletion = (reading: SseReading) =>
  expect.poll(() => reading.frames.some((frame) => isRootCompleted(sseData(frame))), { timeout: 10_000 }).toBe(true);

let proxy: FaultProxy;

beforeEach(async () => {
  proxy = await startFaultProxy({ target: agentServerUrl() });
});

afterEach(async () => {
  await proxy.close();
});

describe("fault proxy in front of the real agent server", () => {
  it("carries the same SSE frames as a direct connection", async () => {
    const threadId = randomUUID();
    const direct = await openSse(agentServerUrl(), threadId, ALL_CHANNELS);
    const proxied = await openSse(proxy.url, threadId, ALL_CHANNELS);
    await startRun(proxy.url, threadId);
    await waitForCompletion(direct);
    await waitForCompletion(proxied);
    expect(proxied.frames.length).toBeGreaterThan(10);
    expect(proxied.frames).toEqual(direct.frames);
    direct.abort();
    proxied.abort();
    await proxy.waitForOpenStreams(0, 2_000);
  });

  it("cuts an SSE stream after N events; the reconnect replays the whole run", async () => {
    const threadId = randomUUID();
    proxy.setFaults({ cutAfterFrames: 5 });
    const first = await openSse(proxy.url, threadId, ALL_CHANNELS);
    await startRun(proxy.url, threadId);
    expect(await first.ended).toBeInstanceOf(Error);
    expect(first.frames).toHaveLength(5);
    const second = await openSse(proxy.url, threadId, ALL_CHANNELS);
    await waitForCompletion(second);
    expect(second.frames.slice(0, 5)).toEqual(first.frames);
    await proxy.waitForOpenStreams(1, 2_000);
    expect(proxy.stats()).toMatchObject({ cuts: 1, streamOpens: 2 });
    second.abort();
    await proxy.waitForOpenStreams(0, 2_000);
  });

  it("relays a WebSocket run to completion", async () => {
    const client = await connectWebSocket(webSocketUrl(proxy.url, randomUUID()));
    client.socket.send(JSON.stringify(runStartCommand(1)));
    await expect
      .poll(() => client.messages.some((message) => isRootCompleted(JSON.parse(message) as WireEvent)), { timeout: 10_000 })
      .toBe(true);
    const parsed = client.messages.map((message) => JSON.parse(message) as WireEvent);
    expect(parsed.filter((message) => message.type === "success")).toHaveLength(1);
    expect(proxy.stats().forwardedEventFrames).toBe(parsed.filter((message) => message.type === "event").length);
    client.socket.close();
    await proxy.waitForOpenStreams(0, 2_000);
  });

  it("terminates a WebSocket after N events and accepts the reconnect", async () => {
    proxy.setFaults({ cutAfterFrames: 4 });
    const threadId = randomUUID();
    const client = await connectWebSocket(webSocketUrl(proxy.url, threadId));
    client.socket.send(JSON.stringify(runStartCommand(1)));
    expect(await client.closed).toBe(1006);
    const events = client.messages.filter((message) => (JSON.parse(message) as WireEvent).type === "event");
    expect(events).toHaveLength(4);
    await proxy.waitForOpenStreams(0, 2_000);
    expect(proxy.stats().cuts).toBe(1);
    const again = await connectWebSocket(webSocketUrl(proxy.url, threadId));
    expect(proxy.stats()).toMatchObject({ wsUpgrades: 2, openStreams: 1 });
    again.socket.close();
    await proxy.waitForOpenStreams(0, 2_000);
  });
});
