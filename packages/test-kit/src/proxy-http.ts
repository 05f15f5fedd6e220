import http from "node:http";
import type { FaultState } from "./fault-plan.js";
import { FrameRelay } from "./frame-relay.js";
import { MALFORMED_SSE_FRAME, SseFrameSplitter, isSseDataFrame } from "./sse-frames.js";

/** What the HTTP and WebSocket halves of the proxy share. */
export interface ProxyContext {
  /** The target's base URL; its path (if any) prefixes every forwarded path. */
  target: URL;
  state: FaultState;
  /** Keep-alive agent for upstream requests, destroyed when the proxy closes. */
  agent: http.Agent;
}

const HOP_BY_HOP_HEADERS = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

/** Copies headers without hop-by-hop ones (including those named by `Connection`) and without `omit`. */
export function withoutHopByHopHeaders(
  headers: http.IncomingHttpHeaders,
  omit: readonly string[] = [],
): http.OutgoingHttpHeaders {
  const connectionTokens = String(headers.connection ?? "")
    .split(",")
    .map((token) => token.trim().toLowerCase());
  const dropped = new Set([...HOP_BY_HOP_HEADERS, ...connectionTokens, ...omit]);
  const result: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !dropped.has(name)) result[name] = value;
  }
  return result;
}

/** The upstream path for a request path, keeping a path prefix of the target URL. */
export function upstreamPath(target: URL, requestPath: string): string {
  const prefix = target.pathname.replace(/\/$/, "");
  return `${prefix}${requestPath.startsWith("/") ? "" : "/"}${requestPath}`;
}

/** A request's path without its query. */
function pathnameOf(request: http.IncomingMessage): string {
  return (request.url ?? "").split("?")[0] ?? "";
}

/** Whether a request opens a protocol SSE stream (`POST …/stream/events`). */
export function isStreamOpenRequest(request: http.IncomingMessage): boolean {
  return request.method === "POST" && /\/stream\/events\/?$/.test(pathnameOf(request));
}

/** The JSON body of an injected failure. */
export function injectedFailureBody(status: number): string {
  return JSON.stringify({ error: "fault_injected", message: `Fault proxy answered this request with ${status}.` });
}

/** The body of a 401 from `requireApiKey`. */
export const UNAUTHORIZED_BODY = JSON.stringify({ error: "Unauthorized", message: "Missing or wrong x-api-key" });

/** Answers a request with a JSON `body` and `status` without contacting the target. */
function answerWithoutTarget(request: http.IncomingMessage, response: http.ServerResponse, status: number, body: string): void {
  request.resume();
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  response.end(body);
}

/**
 * Forwards one HTTP request to the target and streams the response back;
 * `text/event-stream` responses go frame by frame through the fault pipeline.
 */
export function forwardHttpRequest(
  context: ProxyContext,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): void {
  if (context.state.refusesCredentials(request.headers)) {
    answerWithoutTarget(request, response, 401, UNAUTHORIZED_BODY);
    return;
  }
  let failureStatus: number | undefined;
  if (isStreamOpenRequest(request)) {
    context.state.counters.streamOpens += 1;
    failureStatus = context.state.claimOpenFailure();
  } else {
    failureStatus = context.state.claimRequestFailure(pathnameOf(request));
  }
  if (failureStatus !== undefined) {
    answerWithoutTarget(request, response, failureStatus, injectedFailureBody(failureStatus));
    return;
  }
  const upstreamRequest = http.request({
    protocol: context.target.protocol,
    hostname: context.target.hostname,
    port: context.target.port,
    method: request.method,
    path: upstreamPath(context.target, request.url ?? "/"),
    headers: { ...withoutHopByHopHeaders(request.headers), host: context.target.host },
    agent: context.agent,
  });
  request.pipe(upstreamRequest);
  request.on("error", () => {
    // The client aborted while sending its body: drop the upstream request with it.
    upstreamRequest.destroy();
  });
  response.on("close", () => {
    if (!response.writableFinished) upstreamRequest.destroy();
  });
  upstreamRequest.on("error", (error) => {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    response.writeHead(502, { "content-type": "application/json" });
    response.end(JSON.stringify({ error: "bad_gateway", message: `Fault proxy could not reach the target: ${error.message}` }));
  });
  upstreamRequest.on("response", (upstreamResponse) => {
    upstreamResponse.on("error", () => {
      // An aborted upstream body also emits "close", which propagates the abort to the client.
    });
    const contentType = String(upstreamResponse.headers["content-type"] ?? "");
    if (contentType.startsWith("text/event-stream")) {
      relayEventStream(context, upstreamRequest, upstreamResponse, response);
      return;
    }
    response.writeHead(upstreamResponse.statusCode ?? 502, withoutHopByHopHeaders(upstreamResponse.headers));
    upstreamResponse.pipe(response);
    upstreamResponse.on("close", () => {
      if (!upstreamResponse.complete) response.destroy();
    });
  });
}

function relayEventStream(
  context: ProxyContext,
  upstreamRequest: http.ClientRequest,
  upstreamResponse: http.IncomingMessage,
  response: http.ServerResponse,
): void {
  response.writeHead(
    upstreamResponse.statusCode ?? 200,
    withoutHopByHopHeaders(upstreamResponse.headers, ["content-length"]),
  );
  response.flushHeaders();
  const destroyBothSides = () => {
    response.destroy();
    upstreamRequest.destroy();
  };
  const untrack = context.state.trackOpenStream({ destroy: destroyBothSides });
  const relay = new FrameRelay<string>(context.state, {
    isOpen: () => !response.destroyed && !response.writableEnded,
    write: (frame) => writeFlushed(response, frame),
    writeMalformed: () => writeFlushed(response, MALFORMED_SSE_FRAME),
    cut: destroyBothSides,
  });
  response.on("close", () => {
    relay.stop();
    untrack();
    upstreamRequest.destroy();
  });
  const splitter = new SseFrameSplitter();
  upstreamResponse.on("data", (chunk: Buffer) => {
    for (const frame of splitter.push(chunk)) {
      const raw = frame.text + frame.terminator;
      if (isSseDataFrame(frame.text)) relay.pushEvent(raw);
      else relay.pushPassThrough(raw);
    }
  });
  upstreamResponse.on("end", () => {
    const rest = splitter.flush();
    if (rest !== "") relay.pushPassThrough(rest);
    relay.afterQueued(() => response.end());
  });
  upstreamResponse.on("close", () => {
    // The target dropped the stream mid-body: the client sees the same abrupt end.
    if (!upstreamResponse.complete) relay.afterQueued(() => response.destroy());
  });
}

/** Writes and resolves once the data reached the socket, so a following cut cannot discard it. */
function writeFlushed(response: http.ServerResponse, text: string): Promise<void> {
  return new Promise((resolve) => {
    // A failed write means the client is gone; the response's close handler cleans up.
    response.write(text, () => resolve());
  });
}
