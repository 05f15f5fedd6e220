import type { BaseMessage } from "@langchain/core/messages";
import { agentServerUrl, nodeWebSocketFactory } from "@agent-stream/test-kit";
import { Client } from "../../src/client/client";
import { createStreamController, type StreamOptions } from "../../src/controller/index";
import type { StreamController } from "../../src/controller/stream-controller";
import type { RootSnapshot } from "../../src/controller/types";
import { FAST_RECONNECT, type TransportName } from "../support";

/** Builds a controller on the shared agent server; `dispose` all of them in afterEach. */
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

/** A REST client on the shared server, for checking server-side state. */
export function restClient(): Client {
  return new Client({ apiUrl: agentServerUrl() });
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
      reject(new Error(`waitFor timed out; last snapshot: ${describe(controller.rootStore.getSnapshot())}`));
    }, timeoutMs);
    const unsubscribe = controller.rootStore.subscribe(() => void check());
    check();
  });
}

function describe(snapshot: RootSnapshot<Record<string, unknown>>): string {
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
