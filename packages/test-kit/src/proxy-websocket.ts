import { STATUS_CODES, type IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocket, WebSocketServer, type RawData } from "ws";
import { FrameRelay } from "./frame-relay.js";
import { MALFORMED_WEBSOCKET_FRAME } from "./sse-frames.js";
import { injectedFailureBody, UNAUTHORIZED_BODY, upstreamPath, withoutHopByHopHeaders, type ProxyContext } from "./proxy-http.js";

/** One WebSocket message as relayed: its payload and whether it was a binary frame. */
interface WebSocketFrame {
  payload: RawData | string;
  binary: boolean;
}

/** Headers the `ws` client sets itself for the upstream handshake. */
const HANDSHAKE_HEADERS = [
  "host",
  "sec-websocket-key",
  "sec-websocket-version",
  "sec-websocket-extensions",
  "sec-websocket-protocol",
];

/**
 * Relays WebSocket upgrades: connects to the target first (so its handshake answer,
 * including a rejection status, reaches the client), then accepts the client and relays frames.
 */
export class WebSocketRelay {
  private readonly server: WebSocketServer;
  private readonly upstreamProtocols = new WeakMap<IncomingMessage, string>();
  private readonly pendingUpstreams = new Set<WebSocket>();

  constructor(private readonly context: ProxyContext) {
    this.server = new WebSocketServer({
      noServer: true,
      perMessageDeflate: false,
      handleProtocols: (_offered, request) => this.upstreamProtocols.get(request) || false,
    });
  }

  /** Handles the `upgrade` event of the proxy's HTTP server. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const { state } = this.context;
    state.counters.wsUpgrades += 1;
    socket.on("error", () => {
      // The client's TCP socket failed; the close handlers below release both sides.
    });
    if (state.refusesCredentials(request.headers)) {
      rejectUpgrade(socket, 401, UNAUTHORIZED_BODY);
      return;
    }
    const failureStatus = state.claimOpenFailure();
    if (failureStatus !== undefined) {
      rejectUpgrade(socket, failureStatus, injectedFailureBody(failureStatus));
      return;
    }
    this.connectUpstream(request, socket, head);
  }

  /** Terminates handshakes still waiting for the target. */
  close(): void {
    for (const upstream of this.pendingUpstreams) upstream.terminate();
    this.pendingUpstreams.clear();
    this.server.close();
  }

  private connectUpstream(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const { target } = this.context;
    const upstreamUrl = new URL(upstreamPath(target, request.url ?? "/"), target);
    upstreamUrl.protocol = "ws:";
    const protocols = String(request.headers["sec-websocket-protocol"] ?? "")
      .split(",")
      .map((protocol) => protocol.trim())
      .filter((protocol) => protocol !== "");
    const upstream = new WebSocket(upstreamUrl, protocols, {
      headers: withoutHopByHopHeaders(request.headers, HANDSHAKE_HEADERS) as Record<string, string>,
      perMessageDeflate: false,
    });
    this.pendingUpstreams.add(upstream);
    let settled = false;
    const settle = () => {
      settled = true;
      this.pendingUpstreams.delete(upstream);
      socket.off("close", abandon);
    };
    const abandon = () => {
      settle();
      upstream.terminate();
    };
    socket.once("close", abandon);
    upstream.on("error", (error) => {
      if (settled) return;
      settle();
      rejectUpgrade(socket, 502, JSON.stringify({ error: "bad_gateway", message: error.message }));
    });
    upstream.once("unexpected-response", (upstreamRequest, upstreamResponse) => {
      settle();
      relayRejection(socket, upstreamResponse, () => upstreamRequest.destroy());
    });
    upstream.once("open", () => {
      settle();
      this.upstreamProtocols.set(request, upstream.protocol);
      this.server.handleUpgrade(request, socket, head, (client) => this.relay(client, upstream));
    });
  }

  private relay(client: WebSocket, upstream: WebSocket): void {
    const { state } = this.context;
    const terminateBoth = () => {
      client.terminate();
      upstream.terminate();
    };
    const untrack = state.trackOpenStream({ destroy: terminateBoth });
    const relay = new FrameRelay<WebSocketFrame>(state, {
      isOpen: () => client.readyState === WebSocket.OPEN,
      write: (frame) => sendFrame(client, frame),
      writeMalformed: () => sendFrame(client, { payload: MALFORMED_WEBSOCKET_FRAME, binary: false }),
      cut: terminateBoth,
    });
    upstream.on("message", (payload, binary) => {
      if (!binary && isProtocolEvent(payload)) relay.pushEvent({ payload, binary });
      else relay.pushPassThrough({ payload, binary });
    });
    client.on("message", (payload, binary) => {
      if (upstream.readyState === WebSocket.OPEN) upstream.send(payload, { binary });
    });
    client.on("error", () => {
      // A protocol or socket error is always followed by "close", which cleans up.
    });
    client.on("close", (code, reason) => {
      relay.stop();
      untrack();
      closeWithCode(upstream, code, reason);
    });
    upstream.on("close", (code, reason) => {
      relay.afterQueued(() => closeWithCode(client, code, reason));
    });
  }
}

function isProtocolEvent(payload: RawData): boolean {
  try {
    const parsed: unknown = JSON.parse(payload.toString());
    return typeof parsed === "object" && parsed !== null && (parsed as { type?: unknown }).type === "event";
  } catch {
    // Not JSON: relay it untouched like any other non-event frame.
    return false;
  }
}

function sendFrame(socket: WebSocket, frame: WebSocketFrame): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.send(frame.payload, { binary: frame.binary }, (error) => (error ? reject(error) : resolve()));
  });
}

/** Close codes an endpoint may send in a close frame (RFC 6455 §7.4). */
function isSendableCloseCode(code: number): boolean {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

/** Mirrors the other side's close: same code when it can be sent, an abrupt end for 1006. */
function closeWithCode(socket: WebSocket, code: number, reason: Buffer): void {
  if (socket.readyState === WebSocket.CLOSING || socket.readyState === WebSocket.CLOSED) return;
  if (socket.readyState === WebSocket.CONNECTING || code === 1006) socket.terminate();
  else if (isSendableCloseCode(code)) socket.close(code, reason);
  else socket.close();
}

function rejectUpgrade(socket: Duplex, status: number, body: string, contentType = "application/json"): void {
  if (socket.destroyed) return;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}\r\n` +
      "connection: close\r\n" +
      `content-type: ${contentType}\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\n\r\n` +
      body,
  );
}

/** Answers the client's upgrade with the target's non-101 answer (status, content type, body). */
function relayRejection(socket: Duplex, upstreamResponse: IncomingMessage, done: () => void): void {
  const chunks: Buffer[] = [];
  let answered = false;
  const answer = () => {
    if (answered) return;
    answered = true;
    const contentType = String(upstreamResponse.headers["content-type"] ?? "text/plain");
    rejectUpgrade(socket, upstreamResponse.statusCode ?? 502, Buffer.concat(chunks).toString(), contentType);
    done();
  };
  upstreamResponse.on("data", (chunk: Buffer) => chunks.push(chunk));
  upstreamResponse.on("end", answer);
  upstreamResponse.on("error", () => {
    // The handshake answer was cut short; "close" answers with what arrived.
  });
  upstreamResponse.on("close", answer);
}
