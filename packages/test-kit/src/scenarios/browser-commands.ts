/**
 * Node-side vitest browser commands for the scenario suite: a fault proxy per test, so a browser
 * test can count the connections its component left open at the server side.
 * Node only: list these in a browser project's `browser.commands`; tests call them through
 * `commands` from `vitest/browser` (see `server-connections.ts`).
 */
import { startFaultProxy, type FaultProxy, type FaultProxyStats } from "../fault-proxy.js";

const proxies = new Map<string, FaultProxy>();
let nextProxyId = 0;

function targetUrl(): string {
  const url = process.env.AGENT_SERVER_URL;
  if (url === undefined || url === "") {
    throw new Error("startConnectionCounter: AGENT_SERVER_URL is unset; add the test-kit global-setup.ts to this project.");
  }
  return url;
}

function proxyById(id: string): FaultProxy {
  const proxy = proxies.get(id);
  if (proxy === undefined) throw new Error(`No connection counter with id "${id}" (already closed?).`);
  return proxy;
}

/** What `startConnectionCounter` returns to the browser. */
export interface ConnectionCounterInfo {
  readonly id: string;
  /** Point the client's `apiUrl` here: every request is forwarded to the agent server. */
  readonly url: string;
}

/**
 * The commands, keyed by the names tests call. vitest passes its command context first; the
 * commands ignore it.
 *
 * @example
 * // vitest.config.ts, browser project
 * browser: { commands: scenarioCommands }
 */
export const scenarioCommands = {
  async startConnectionCounter(_context: unknown): Promise<ConnectionCounterInfo> {
    const proxy = await startFaultProxy({ target: targetUrl() });
    nextProxyId += 1;
    const id = String(nextProxyId);
    proxies.set(id, proxy);
    return { id, url: proxy.url };
  },
  connectionCounterStats(_context: unknown, id: string): FaultProxyStats {
    return proxyById(id).stats();
  },
  async stopConnectionCounter(_context: unknown, id: string): Promise<void> {
    const proxy = proxies.get(id);
    proxies.delete(id);
    await proxy?.close();
  },
};
