import { agentServerUrl, nodeWebSocketFactory } from "@agent-stream/test-kit";
import { Client, type ReconnectOptions, type ThreadStream } from "../src/index";

/** The transports every integration test runs over. */
export const TRANSPORTS = ["sse", "websocket"] as const;
export type TransportName = (typeof TRANSPORTS)[number];

/** Fast reconnects for tests: the default backoff is tuned for people, not CI. */
export const FAST_RECONNECT: ReconnectOptions = { maxAttempts: 5, delayMs: () => 20 };

/** Opens a thread stream on the shared agent server (or another URL, e.g. a fault proxy). */
export function openThread<TState = Record<string, unknown>>(
  transport: TransportName,
  assistantId: string,
  options: { apiUrl?: string; threadId?: string; reconnect?: ReconnectOptions } = {},
): ThreadStream<TState> {
  const client = new Client({ apiUrl: options.apiUrl ?? agentServerUrl() });
  return client.threads.stream<TState>(options.threadId, {
    assistantId,
    transport,
    webSocketFactory: nodeWebSocketFactory,
    reconnect: options.reconnect ?? FAST_RECONNECT,
  });
}

/** A `run.start` input with one human message and a fast token delay. */
export function humanRun(text: string, tokenDelayMs = 1) {
  return {
    input: { messages: [{ type: "human", content: text }] },
    config: { configurable: { token_delay_ms: tokenDelayMs } },
  };
}

/** Text of the last AI message in a values snapshot. */
export function lastAiText(values: unknown): string {
  const messages = (values as { messages?: { type?: string; content?: unknown }[] }).messages ?? [];
  const last = [...messages].reverse().find((message) => message.type === "ai");
  if (!last) return "";
  if (typeof last.content === "string") return last.content;
  return (last.content as { type: string; text?: string }[])
    .filter((block) => block.type === "text")
    .map((block) => block.text ?? "")
    .join("");
}
