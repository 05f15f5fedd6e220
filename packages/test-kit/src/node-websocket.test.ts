import { afterEach, beforeEach, expect, expectTypeOf, it } from "vitest";
import { eventJson, startFakeTarget, webSocketUrl, type FakeTarget } from "./fault-proxy.fixtures.js";
import { nodeWebSocketFactory } from "./node-websocket.js";

/** The part of the browser WebSocket the core relies on. */
type BrowserWebSocketSubset = Pick<
  globalThis.WebSocket,
  "readyState" | "send" | "close" | "addEventListener" | "removeEventListener"
>;

let target: FakeTarget;

beforeEach(async () => {
  target = await startFakeTarget();
});

afterEach(async () => {
  await target.close();
});

it("is typed as a factory of browser-compatible WebSockets", () => {
  expectTypeOf(nodeWebSocketFactory).returns.toExtend<BrowserWebSocketSubset>();
});

it("delivers open, text messages as strings, and close through addEventListener", async () => {
  const socket = nodeWebSocketFactory(webSocketUrl(target.url, "t1"));
  const received: unknown[] = [];
  const closed = new Promise<{ code: number; wasClean: boolean }>((resolve) =>
    socket.addEventListener("close", (event) => resolve({ code: event.code, wasClean: event.wasClean })),
  );
  const onMessage = (event: { data: unknown }) => received.push(event.data);
  await new Promise((resolve) => socket.addEventListener("open", resolve));
  expect(socket.readyState).toBe(1);
  socket.addEventListener("message", onMessage);
  socket.send(JSON.stringify({ id: 1, method: "emit", params: { count: 2 } }));
  await expect.poll(() => received.length).toBe(3);
  expect(received.slice(1)).toEqual([eventJson(1), eventJson(2)]);

  socket.removeEventListener("message", onMessage);
  socket.send(JSON.stringify({ id: 2, method: "emit", params: { count: 1 } }));
  await expect.poll(() => target.receivedWebSocketFrames.length).toBe(2);
  socket.close(1000, "done");
  expect(await closed).toEqual({ code: 1000, wasClean: true });
  expect(received).toHaveLength(3);
});
