import type { BaseMessage } from "@langchain/core/messages";
import { agentServerUrl, nodeWebSocketFactory, startFaultProxy, type FaultProxy } from "@agent-stream/test-kit";
import { afterEach } from "vitest";
import { Client } from "../../src/client/client";
import { createStreamController, type StreamOptions } from "../../src/controller/index";
import type { StreamController } from "../../src/controller/stream-controller";
import type { RootSnapshot } from "../../src/controller/types";
import { FAST_RECONNECT, type TransportName } from "../support";

/** Builds a controller on the shared agent server (or `options.apiUrl`, e.g. a fault proxy). */
export function makeController<TState extends Record<string, unknown> = Record<string, unknown>>(
  transport: TransportName,
  assistantId: string,
  options: Partial<StreamOptions<TState>> = {},
): StreamController<TState> {
  return createStreamController<TState>({
    assistantId,
    apiUrl: agentServerUrl(),
    transport,
    webSocketFactory: nodeWebSocketFactory,
    reconnect: FAST_RECONNECT,
    ...options,
  });
}

/** What {@link useControllers} gives a `describe` block. */
export interface ControllerSuite {
  /** A controller that is disposed after the test. */
  make<TState extends Record<string, unknown> = Record<string, unknown>>(
    assistantId: string,
    options?: Partial<StreamOptions<TState>>,
  ): StreamController<TState>;
  /** A fault proxy in front of the agent server, closed after the test. */
  proxy(): Promise<FaultProxy>;
}

/**
 * Call once inside a `describe.each(TRANSPORTS)` block: controllers and proxies made through the
 * returned suite are disposed and closed after each test.
 *
 * @example
 * describe.each(TRANSPORTS)("feature over %s", (transport) => {
 *   const suite = useControllers(transport);
 *   it("works", async () => { const controller = suite.make("text"); ... });
 * });
 */
export function useControllers(transport: TransportName): ControllerSuite {
  const controllers: StreamController<never>[] = [];
  const proxies: FaultProxy[] = [];
  afterEach(async () => {
    await Promise.all(controllers.splice(0).map((controller) => controller.dispose()));
    await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
  });
  return {
    make(assistantId, options) {
      const controller = makeController(transport, assistantId, options);
      controllers.push(controller as unknown as StreamController<never>);
      return controller;
    },
    async proxy() {
      const proxy = await startFaultProxy({ target: agentServerUrl() });
      proxies.push(proxy);
      return proxy;
    },
  };
}

/** A REST client on the shared server, for checking server-side state. */
export function restClient(): Client {
  return new Client({ apiUrl: agentServerUrl() });
}

/** The messages the server stored for a thread. */
export async function serverMessages(threadId: string): Promise<{ type: string; id?: string; content: unknown }[]> {
  const state = await restClient().threads.getState(threadId);
  return ((state?.values as { messages?: { type: string; id?: string; content: unknown }[] } | undefined)?.messages ?? []);
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 50 ms until it holds. */
export async function poll(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("poll timed out");
    await sleep(50);
  }
}

/** Resolves once `predicate(snapshot)` holds (checked on every notification). */
export function waitFor<TState>(
  controller: StreamController<TState & Record<string, unknown>>,
  predicate: (snapshot: RootSnapshot<TState & Record<string, unknown>>) => boolean,
  timeoutMs = 10_000,
): Promise<RootSnapshot<TState & Record<string, unknown>>> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const snapshot = controller.rootStore.getSnapshot();
      if (!predicate(snapshot)) return false;
      clearTimeout(timer);
      unsubscribe();
      resolve(snapshot);
      return true;
    };
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`waitFor timed out; last snapshot: ${describeSnapshot(controller.rootStore.getSnapshot())}`));
    }, timeoutMs);
    const unsubscribe = controller.rootStore.subscribe(() => void check());
    check();
  });
}

function describeSnapshot(snapshot: RootSnapshot<Record<string, unknown>>): string {
  return JSON.stringify({
    threadId: snapshot.threadId,
    isLoading: snapshot.isLoading,
    error: String(snapshot.error ?? ""),
    interrupts: snapshot.interrupts.map((entry) => entry.id),
    messages: snapshot.messages.map((message) => `${message.getType()}:${textOf(message).slice(0, 40)}`),
  });
}

/** Plain text of a message (string content or text blocks). */
export function textOf(message: BaseMessage | undefined): string {
  if (message === undefined) return "";
  const content = message.content;
  if (typeof content === "string") return content;
  return content
    .map((block) => (typeof block === "object" && block !== null && block.type === "text" ? String(block.text ?? "") : ""))
    .join("");
}

/** Config for fast scripted runs. */
export const FAST = { config: { configurable: { token_delay_ms: 0 } } } as const;

/** Config for scripted runs with `delayMs` between tokens. */
export const tokenDelay = (delayMs: number) => ({ config: { configurable: { token_delay_ms: delayMs } } });
