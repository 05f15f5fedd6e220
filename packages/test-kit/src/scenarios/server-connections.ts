/**
 * Browser side of the connection counter (the Node side is `browser-commands.ts`): a fault proxy
 * per test in front of the agent server, counting the event streams and sockets open through it.
 */
import { commands } from "vitest/browser";
import type { ConnectionCounterInfo } from "./browser-commands.js";

declare module "vitest/browser" {
  interface BrowserCommands {
    startConnectionCounter(): Promise<ConnectionCounterInfo>;
    connectionCounterStats(id: string): Promise<{ openStreams: number; streamOpens: number; wsUpgrades: number }>;
    stopConnectionCounter(id: string): Promise<void>;
  }
}

/** A counting proxy: point `apiUrl` at `url`. */
export interface ConnectionCounter {
  readonly url: string;
  /** SSE responses plus WebSocket sockets open through the proxy right now. */
  openConnections(): Promise<number>;
  /** Stream opens (SSE) plus WebSocket upgrades since start. */
  totalOpened(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts a connection counter for one test.
 *
 * @example
 * const counter = await startConnectionCounter();
 * const app = await harness.mount({ ...options, apiUrl: counter.url });
 */
export async function startConnectionCounter(): Promise<ConnectionCounter> {
  const { id, url } = await commands.startConnectionCounter();
  return {
    url,
    openConnections: async () => (await commands.connectionCounterStats(id)).openStreams,
    totalOpened: async () => {
      const stats = await commands.connectionCounterStats(id);
      return stats.streamOpens + stats.wsUpgrades;
    },
    close: () => commands.stopConnectionCounter(id),
  };
}
