import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFaultProxy, type FaultProxy } from "./fault-proxy.js";
import {
  connectWebSocket,
  eventJson,
  openSse,
  sseEventFrame,
  startFakeTarget,
  webSocketUrl,
  type FakeTarget,
} from "./fault-proxy.fixtures.js";
import { MALFORMED_WEBSOCKET_FRAME } from "./sse-frames.js";

let target: FakeTarget;
let proxy: FaultProxy;

beforeEach(async () => {
  target = await startFakeTarget(10);
  proxy = await startFaultProxy({ target: target.url });
});

afterEach(async () => {
  await proxy.close();
  await target.close();
});

const frames = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, index) => sseEventFrame(from + index));

describe("HTTP pass-through", () => {
  it("forwards method, path, query, headers and body, and returns the target's answer", async () => {
    const request = (baseUrl: string) =>
      fetch(`${baseUrl}/echo?a=1&b=two`, {
        method: "PUT",
        headers: { "content-type": "application/json", "x-api-key": "secret" },
        body: JSON.stringify({ hello: "world" }),
      });
    const direct = await request(target.url);
    const proxied = await request(proxy.url);
    expect(proxied.status).toBe(direct.status);
    expect(proxied.headers.get("x-echo")).toBe("yes");
    const directBody = (await direct.json()) as { headers: Record<string, string> };
    const proxiedBody = (await proxied.json()) as { headers: Record<string, string> };
    expect(proxiedBody).toMatchObject({ method: "PUT", url: "/echo?a=1&b=two", body: '{"hello":"world"}' });
    const withoutHost = (headers: Record<string, string>) => ({ ...headers, host: undefined });
    expect(withoutHost(proxiedBody.headers)).toEqual(withoutHost(directBody.headers));
    expect(proxiedBody.headers["x-api-key"]).toBe("secret");
    expect({ ...proxiedBody, headers: {} }).toEqual({ ...directBody, headers: {} });
  });

  it("streams SSE frames through unchanged and counts the open stream", async () => {
    const direct = await openSse(target.url, "t1");
    const proxied = await openSse(proxy.url, "t1");
    await direct.waitForFrames(10);
    await proxied.waitForFrames(10);
    expect(proxied.status).toBe(200);
    expect(proxied.frames).toEqual(direct.frames);
    expect(proxy.stats()).toMatchObject({ streamOpens: 1, openStreams: 1, forwardedEventFrames: 10 });
    direct.abort();
    proxied.abort();
  });
});

describe("SSE faults", () => {
  it("cuts the connection after N event frames, then lets the reconnect through", async () => {
    proxy.setFaults({ cutAfterFrames: 3 });
    const first = await openSse(proxy.url, "t1");
    const error = await first.ended;
    expect(error).toBeInstanceOf(Error);
    expect(first.frames).toEqual(frames(1, 3));
    const second = await openSse(proxy.url, "t1");
    await second.waitForFrames(10);
    expect(second.frames).toEqual(frames(1, 10));
    expect(proxy.stats()).toMatchObject({ cuts: 1, streamOpens: 2 });
    second.abort();
  });

  it("cuts as many connections as cutTimes says", async () => {
    proxy.setFaults({ cutAfterFrames: 2, cutTimes: 2 });
    for (const _attempt of [1, 2]) {
      const reading = await openSse(proxy.url, "t1");
      await reading.ended;
      expect(reading.frames).toEqual(frames(1, 2));
    }
    const third = await openSse(proxy.url, "t1");
    await third.waitForFrames(10);
    expect(proxy.stats().cuts).toBe(2);
    third.abort();
  });

  it("with cutAfterFrames 0, cuts before the first frame", async () => {
    proxy.setFaults({ cutAfterFrames: 0 });
    const reading = await openSse(proxy.url, "t1");
    expect(await reading.ended).toBeInstanceOf(Error);
    expect(reading.frames).toEqual([]);
  });

  it("applies a plan changed while the stream is open from its next frame", async () => {
    const reading = await openSse(proxy.url, "t1");
    await reading.waitForFrames(10);
    proxy.setFaults({ cutAfterFrames: 12 });
    target.emitSse(5);
    await reading.ended;
    expect(reading.frames).toEqual(frames(1, 12));
  });

  it("duplicates every frame, or every n-th frame", async () => {
    proxy.setFaults({ duplicateFrames: true });
    const everyFrame = await openSse(proxy.url, "t1");
    await everyFrame.waitForFrames(20);
    expect(everyFrame.frames).toEqual(frames(1, 10).flatMap((frame) => [frame, frame]));
    everyFrame.abort();

    proxy.setFaults({ duplicateFrames: 3 });
    const everyThird = await openSse(proxy.url, "t2");
    await everyThird.waitForFrames(13);
    const expected = frames(1, 10).flatMap((frame, index) => ((index + 1) % 3 === 0 ? [frame, frame] : [frame]));
    expect(everyThird.frames).toEqual(expected);
    expect(proxy.stats().duplicated).toBe(13);
    everyThird.abort();
  });

  it("injects one malformed frame after N frames, once", async () => {
    proxy.setFaults({ malformedAfterFrames: 2 });
    const first = await openSse(proxy.url, "t1");
    await first.waitForFrames(11);
    expect(first.frames).toEqual([...frames(1, 2), "event: messages\ndata: {not json", ...frames(3, 10)]);
    const second = await openSse(proxy.url, "t1");
    await second.waitForFrames(10);
    expect(second.frames).toEqual(frames(1, 10));
    expect(proxy.stats().injectedMalformed).toBe(1);
    first.abort();
    second.abort();
  });

  it("delays frames without reordering them", async () => {
    proxy.setFaults({ delayMs: 30 });
    const startedAt = Date.now();
    const reading = await openSse(proxy.url, "t1");
    await reading.waitForFrames(1);
    expect(reading.frames).toEqual(frames(1, 1));
    await reading.waitForFrames(10);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(10 * 30 - 5);
    expect(reading.frames).toEqual(frames(1, 10));
    reading.abort();
  });

  it("answers the next stream opens with the planned status without contacting the target", async () => {
    proxy.setFaults({ failNextStreamOpens: { count: 2, status: 503 } });
    const first = await openSse(proxy.url, "t1");
    expect(first.status).toBe(503);
    expect(target.openConnections()).toBe(0);
    const command = await fetch(`${proxy.url}/echo`, { method: "POST", body: "{}" });
    expect(command.status).toBe(200);
    const second = await openSse(proxy.url, "t1");
    expect(second.status).toBe(503);
    const third = await openSse(proxy.url, "t1");
    expect(third.status).toBe(200);
    await third.waitForFrames(10);
    expect(proxy.stats()).toMatchObject({ streamOpens: 3, injectedFailures: 2 });
    third.abort();
  });

  it("drops the stream on both sides when the client aborts", async () => {
    const reading = await openSse(proxy.url, "t1");
    await reading.waitForFrames(10);
    expect(target.openConnections()).toBe(1);
    reading.abort();
    await proxy.waitForOpenStreams(0, 2_000);
    await expect.poll(() => target.openConnections()).toBe(0);
  });
});

describe("WebSocket relay", () => {
  const emit = (id: number, count: number) => JSON.stringify({ id, method: "emit", params: { count } });

  it("relays frames both ways in order", async () => {
    const client = await connectWebSocket(webSocketUrl(proxy.url, "t1"));
    client.socket.send(emit(1, 3));
    client.socket.send("plain text");
    await client.waitForMessages(4);
    expect(client.messages).toEqual([JSON.stringify({ type: "success", id: 1, result: {} }), ...[1, 2, 3].map(eventJson)]);
    await expect.poll(() => target.receivedWebSocketFrames).toEqual([emit(1, 3), "plain text"]);
    expect(proxy.stats()).toMatchObject({ wsUpgrades: 1, openStreams: 1, forwardedEventFrames: 3 });
    client.socket.close();
    await proxy.waitForOpenStreams(0, 2_000);
    await expect.poll(() => target.openConnections()).toBe(0);
  });

  it("terminates the client socket after N event frames and closes the upstream", async () => {
    proxy.setFaults({ cutAfterFrames: 2 });
    const client = await connectWebSocket(webSocketUrl(proxy.url, "t1"));
    client.socket.send(emit(1, 5));
    expect(await client.closed).toBe(1006);
    expect(client.messages).toEqual([JSON.stringify({ type: "success", id: 1, result: {} }), eventJson(1), eventJson(2)]);
    await proxy.waitForOpenStreams(0, 2_000);
    await expect.poll(() => target.openConnections()).toBe(0);
    const again = await connectWebSocket(webSocketUrl(proxy.url, "t1"));
    again.socket.send(emit(1, 5));
    await again.waitForMessages(6);
    expect(proxy.stats()).toMatchObject({ cuts: 1, wsUpgrades: 2, openStreams: 1 });
    again.socket.close();
  });

  it("duplicates event frames and injects one malformed frame", async () => {
    proxy.setFaults({ duplicateFrames: 2, malformedAfterFrames: 1 });
    const client = await connectWebSocket(webSocketUrl(proxy.url, "t1"));
    client.socket.send(emit(7, 3));
    await client.waitForMessages(6);
    expect(client.messages).toEqual([
      JSON.stringify({ type: "success", id: 7, result: {} }),
      eventJson(1),
      MALFORMED_WEBSOCKET_FRAME,
      eventJson(2),
      eventJson(2),
      eventJson(3),
    ]);
    client.socket.close();
  });

  it("refuses upgrades with the planned status, and relays the target's own refusal", async () => {
    proxy.setFaults({ failNextStreamOpens: { count: 1, status: 401 } });
    await expect(connectWebSocket(webSocketUrl(proxy.url, "t1"))).rejects.toMatchObject({ status: 401 });
    expect(target.openConnections()).toBe(0);
    await expect(connectWebSocket(`${proxy.url.replace("http", "ws")}/forbidden`)).rejects.toMatchObject({ status: 403 });
    const client = await connectWebSocket(webSocketUrl(proxy.url, "t1"));
    expect(proxy.stats()).toMatchObject({ wsUpgrades: 3, injectedFailures: 1, openStreams: 1 });
    client.socket.close();
  });
});

describe("failNextRequests", () => {
  it("answers the next requests to the planned path with the planned status, then forwards again; other requests and stream opens are untouched", async () => {
    proxy.setFaults({ failNextRequests: { count: 2, status: 500, path: "/commands" } });
    expect((await fetch(`${proxy.url}/echo`)).status).toBe(200);
    const command = () => fetch(`${proxy.url}/threads/t1/commands`, { method: "POST", body: "{}" });
    const before = proxy.stats().injectedFailures;
    expect((await command()).status).toBe(500);
    const sse = await openSse(proxy.url, "t1");
    expect((await command()).status).toBe(500);
    expect((await command()).status).not.toBe(500);
    expect(proxy.stats().injectedFailures - before).toBe(2);
    expect(sse.status).toBe(200);
    sse.abort();
  });
});

describe("requireApiKey", () => {
  it("answers requests and upgrades without the key 401 and forwards the ones that carry it", async () => {
    proxy.setFaults({ requireApiKey: "secret" });
    const withoutKey = await fetch(`${proxy.url}/echo`);
    expect(withoutKey.status).toBe(401);
    expect(await withoutKey.json()).toMatchObject({ error: "Unauthorized" });
    const wrongKey = await fetch(`${proxy.url}/echo`, { headers: { "x-api-key": "guess" } });
    expect(wrongKey.status).toBe(401);
    const withKey = await fetch(`${proxy.url}/echo`, { headers: { "x-api-key": "secret" } });
    expect(withKey.status).toBe(200);

    await expect(connectWebSocket(webSocketUrl(proxy.url, "t1"))).rejects.toMatchObject({ status: 401 });
    const client = await connectWebSocket(webSocketUrl(proxy.url, "t1"), { "x-api-key": "secret" });
    expect(proxy.stats()).toMatchObject({ unauthorized: 3, wsUpgrades: 2, openStreams: 1 });
    expect(target.openConnections()).toBe(1);
    client.socket.close();
  });
});

describe("setFaults()", () => {
  it("rejects a plan with a meaningless value, naming the field", () => {
    expect(() => proxy.setFaults({ cutAfterFrames: -1 })).toThrow(/cutAfterFrames/);
    expect(() => proxy.setFaults({ failNextStreamOpens: { count: 1, status: 200 } })).toThrow(/status/);
  });
});

describe("close()", () => {
  it("closes every SSE stream and WebSocket passing through", async () => {
    const sse = await openSse(proxy.url, "t1");
    const client = await connectWebSocket(webSocketUrl(proxy.url, "t2"));
    await sse.waitForFrames(10);
    expect(proxy.stats().openStreams).toBe(2);
    await proxy.close();
    expect(await sse.ended).toBeInstanceOf(Error);
    expect(await client.closed).toBe(1006);
    expect(proxy.stats().openStreams).toBe(0);
    await expect.poll(() => target.openConnections()).toBe(0);
  });
});
