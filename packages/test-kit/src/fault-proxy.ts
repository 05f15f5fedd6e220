import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { FaultState, type FaultPlan, type FaultProxyStats } from "./fault-plan.js";
import { forwardHttpRequest, type ProxyContext } from "./proxy-http.js";
import { WebSocketRelay } from "./proxy-websocket.js";

export type { FaultPlan, FaultProxyStats } from "./fault-plan.js";

/**
 * Options of {@link startFaultProxy}.
 *
 * @example
 * const options: FaultProxyOptions = { target: "http://127.0.0.1:2024", faults: { delayMs: 20 } };
 */
export interface FaultProxyOptions {
  /** Base URL of the agent server to forward to, e.g. `http://127.0.0.1:2024`. */
  target: string;
  /** Faults to apply from the start; change them later with `setFaults`. */
  faults?: FaultPlan;
}

/**
 * A running fault-injecting proxy in front of an agent server.
 *
 * @example
 * proxy.setFaults({ failNextStreamOpens: { count: 1, status: 503 } });
 * await client.close();
 * await proxy.waitForOpenStreams(0); // the client left nothing open
 */
export interface FaultProxy {
  /** Base URL clients use instead of the target's (`http://127.0.0.1:<port>`). */
  readonly url: string;
  /** Replaces the fault plan; applies to open streams from their next frame and re-arms one-shot faults. */
  setFaults(plan: FaultPlan): void;
  /** Counters since start, plus the number of streams open right now. */
  stats(): FaultProxyStats;
  /** Resolves once exactly `count` streams are open (e.g. 0 after a client closed); rejects after `timeoutMs`. */
  waitForOpenStreams(count: number, timeoutMs?: number): Promise<void>;
  /** Destroys every connection through the proxy and stops listening. */
  close(): Promise<void>;
}

/**
 * Starts an HTTP + WebSocket proxy on 127.0.0.1 that forwards everything to `target`
 * and injects faults into protocol event streams (SSE frames and WebSocket event frames).
 *
 * @example
 * const proxy = await startFaultProxy({ target: agentServerUrl(), faults: { cutAfterFrames: 3 } });
 * // point the client at proxy.url; its first stream is cut after 3 events, the reconnect passes
 * await client.close();
 * await proxy.waitForOpenStreams(0);
 * await proxy.close();
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = parseTarget(options.target);
  const state = new FaultState(options.faults);
  const agent = new http.Agent({ keepAlive: true });
  const context: ProxyContext = { target, state, agent };
  const webSocketRelay = new WebSocketRelay(context);
  const server = http.createServer((request, response) => forwardHttpRequest(context, request, response));
  const sockets = new Set<Duplex>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  server.on("upgrade", (request, socket, head) => webSocketRelay.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    setFaults: (plan) => state.setPlan(plan),
    stats: () => state.stats(),
    waitForOpenStreams: (count, timeoutMs = 5_000) => state.waitForOpenStreams(count, timeoutMs),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        state.destroyOpenStreams();
        webSocketRelay.close();
        for (const socket of sockets) socket.destroy();
        agent.destroy();
        server.close(() => resolve());
      });
      return closing;
    },
  };
}

function parseTarget(target: string): URL {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new TypeError(`startFaultProxy: target must be an absolute http:// URL, got "${target}".`);
  }
  if (url.protocol !== "http:") {
    throw new TypeError(`startFaultProxy: only http:// targets are supported, got "${target}".`);
  }
  return url;
}
