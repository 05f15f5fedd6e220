/**
 * Test fixtures for the fault proxy: a tiny scripted target server (SSE + WebSocket)
 * and small SSE / WebSocket clients that record exactly what reached them.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocket, WebSocketServer } from "ws";

/** The JSON text of the n-th protocol event the fake target sends. */
export const eventJson = (seq: number): string =>
  JSON.stringify({ type: "event", event_id: String(seq), seq, method: "values", params: { namespace: [], timestamp: seq, data: { n: seq } } });

/** The n-th SSE frame the fake target sends (without the blank line). */
export const sseEventFrame = (seq: number): string => `event: values\ndata: ${eventJson(seq)}\nid: ${seq}`;

/** A scripted target: SSE streams replay `initialEvents` events then stay open; WebSockets answer `emit` commands. */
export interface FakeTarget {
  url: string;
  /** SSE responses and WebSockets currently open on the target side. */
  openConnections(): number;
  /** Every frame the target received on WebSockets, as text. */
  receivedWebSocketFrames: string[];
  /** Sends `count` more events to every open SSE stream. */
  emitSse(count: number): void;
  close(): Promise<void>;
}

/**
 * Starts the fake target.
 * - `POST /threads/:id/stream/events`: SSE, a comment frame, then events 1..initialEvents, then open forever.
 * - `ANY /echo?...`: 200 JSON `{method, url, headers, body}` with header `x-echo: yes`.
 * - WS on `/threads/:id/stream/events`: a command `{id, method: "emit", params: {count}}` is answered with a
 *   success frame followed by `count` events; any other text is recorded only. Upgrades on `/forbidden` get 403.
 */
export async function startFakeTarget(initialEvents = 10): Promise<FakeTarget> {
  const sseResponses = new Set<http.ServerResponse>();
  const sseSeq = new Map<http.ServerResponse, number>();
  const receivedWebSocketFrames: string[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString();
      if (request.method === "POST" && /\/stream\/events$/.test(request.url ?? "")) {
        response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        response.write(": hello\n\n");
        sseResponses.add(response);
        sseSeq.set(response, 0);
        response.on("close", () => sseResponses.delete(response));
        writeSseEvents(response, sseSeq, initialEvents);
        return;
      }
      if ((request.url ?? "").startsWith("/echo")) {
        response.writeHead(200, { "content-type": "application/json", "x-echo": "yes" });
        response.end(JSON.stringify({ method: request.method, url: request.url, headers: request.headers, body }));
        return;
      }
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("not found");
    });
  });
  const webSockets = new WebSocketServer({ noServer: true });
  server.on("upgrade", (request, socket, head) => {
    if (request.url === "/forbidden") {
      socket.end("HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\ncontent-length: 4\r\n\r\nnope");
      return;
    }
    webSockets.handleUpgrade(request, socket, head, (client) => {
      let seq = 0;
      client.on("message", (data) => {
        const text = data.toString();
        receivedWebSocketFrames.push(text);
        const command = parseCommand(text);
        if (command === undefined) return;
        client.send(JSON.stringify({ type: "success", id: command.id, result: {} }));
        for (let index = 0; index < command.count; index += 1) client.send(eventJson((seq += 1)));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    openConnections: () => sseResponses.size + webSockets.clients.size,
    receivedWebSocketFrames,
    emitSse: (count) => {
      for (const response of sseResponses) writeSseEvents(response, sseSeq, count);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of webSockets.clients) client.terminate();
        webSockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function writeSseEvents(response: http.ServerResponse, sseSeq: Map<http.ServerResponse, number>, count: number): void {
  let seq = sseSeq.get(response) ?? 0;
  for (let index = 0; index < count; index += 1) response.write(`${sseEventFrame((seq += 1))}\n\n`);
  sseSeq.set(response, seq);
}

function parseCommand(text: string): { id: number; count: number } | undefined {
  try {
    const parsed = JSON.parse(text) as { id?: unknown; method?: unknown; params?: { count?: unknown } };
    if (parsed.method !== "emit" || typeof parsed.id !== "number") return undefined;
    return { id: parsed.id, count: Number(parsed.params?.count ?? 0) };
  } catch {
    // Not a command: the frame is only recorded.
    return undefined;
  }
}

/** An SSE stream read by a test: every frame received so far and how the stream ended. */
export interface SseReading {
  status: number;
  /** Frames as raw text (without the blank line), comment frames excluded. */
  frames: string[];
  /** Resolves once `count` frames arrived; rejects if the stream ends first or after `timeoutMs`. */
  waitForFrames(count: number, timeoutMs?: number): Promise<void>;
  /** Resolves with the error that ended the stream (`undefined` for a clean end). */
  ended: Promise<Error | undefined>;
  abort(): void;
}

/** Opens `POST <baseUrl>/threads/<threadId>/stream/events` and records its frames. */
export async function openSse(baseUrl: string, threadId: string, body: unknown = { channels: ["values"] }): Promise<SseReading> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/threads/${threadId}/stream/events`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify(body),
    signal: controller.signal,
  });
  const frames: string[] = [];
  const waiters = new Set<() => void>();
  let buffer = "";
  let finished = false;
  const ended = (async (): Promise<Error | undefined> => {
    if (response.body === null) return undefined;
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        const parts = buffer.split("\n\n");
        buffer = parts.pop() ?? "";
        frames.push(...parts.filter((part) => !part.startsWith(":")));
        for (const waiter of waiters) waiter();
      }
      return undefined;
    } catch (error) {
      return error as Error;
    } finally {
      finished = true;
      for (const waiter of waiters) waiter();
    }
  })();
  const waitForFrames = (count: number, timeoutMs = 5_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (frames.length >= count) done(resolve);
        else if (finished) done(() => reject(new Error(`stream ended after ${frames.length} of ${count} frames`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`got ${frames.length} of ${count} frames`))), timeoutMs);
      const done = (settle: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        settle();
      };
      waiters.add(check);
      check();
    });
  return { status: response.status, frames, waitForFrames, ended, abort: () => controller.abort() };
}

/** A WebSocket opened by a test, recording every text frame and the close code. */
export interface WebSocketReading {
  socket: WebSocket;
  messages: string[];
  waitForMessages(count: number, timeoutMs?: number): Promise<void>;
  closed: Promise<number>;
}

/** Connects a `ws` client and waits for it to open; rejects with the HTTP status when the upgrade is refused. */
export function connectWebSocket(url: string, headers: Record<string, string> = {}): Promise<WebSocketReading> {
  const socket = new WebSocket(url, { headers });
  const messages: string[] = [];
  const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
  socket.on("message", (data) => messages.push(data.toString()));
  const waitForMessages = async (count: number, timeoutMs = 5_000) => {
    const deadline = Date.now() + timeoutMs;
    while (messages.length < count) {
      if (Date.now() > deadline) throw new Error(`got ${messages.length} of ${count} messages`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  return new Promise((resolve, reject) => {
    socket.once("open", () => resolve({ socket, messages, waitForMessages, closed }));
    socket.once("unexpected-response", (request, response) => {
      reject(Object.assign(new Error(`upgrade refused with ${response.statusCode}`), { status: response.statusCode }));
      request.destroy();
    });
    socket.once("error", reject);
  });
}

/** The `ws://` URL of a thread's event stream under an `http://` base URL. */
export const webSocketUrl = (baseUrl: string, threadId: string): string =>
  `${baseUrl.replace(/^http/, "ws")}/threads/${threadId}/stream/events`;
