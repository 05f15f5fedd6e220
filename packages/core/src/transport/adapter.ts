import type { CommandResponse, ProtocolCommand, ProtocolEvent, SubscriptionFilter } from "../protocol/types";

/** Callbacks an adapter uses to hand over what one connection receives. */
export interface EventConnectionHandlers {
  /** A well-formed event arrived. */
  onEvent(event: ProtocolEvent): void;
  /** A frame could not be parsed; it is skipped, the connection stays up. */
  onMalformedFrame(raw: string, cause: unknown): void;
}

/** One open event connection (an SSE response or a WebSocket). */
export interface EventConnection {
  /** Resolves once the connection is live (headers received, socket open); rejects if it never is. */
  readonly ready: Promise<void>;
  /** Resolves when the server ends the connection cleanly, rejects when it drops. Never rejects after `close()`. */
  readonly closed: Promise<void>;
  /** Closes the connection on purpose. Idempotent. */
  close(): void;
}

/**
 * How a `ThreadStream` talks to a server. Bring your own to use another transport; the
 * thread stream owns reconnection, replay dedupe, rotation and fan-out, so an adapter only
 * sends commands and opens single connections.
 *
 * @example
 * const thread = client.threads.stream(threadId, { assistantId: "agent", transport: myAdapter });
 */
export interface AgentServerAdapter {
  /** A short label for diagnostics, e.g. `"sse"`. */
  readonly kind: string;
  /**
   * Whether a newly opened connection replays the thread's buffered events from the start.
   * True for SSE and the embed server's WebSocket; drives rotation for late subscribers.
   */
  readonly replaysOnOpen: boolean;
  /** Binds the adapter to a thread. Called once, before anything else. */
  bind(threadId: string): void;
  /** Sends one command and resolves with the server's response envelope. */
  send(command: ProtocolCommand): Promise<CommandResponse>;
  /** Opens one event connection delivering at least the events `filter` accepts. */
  openEvents(filter: SubscriptionFilter, handlers: EventConnectionHandlers): EventConnection;
  /** Releases every connection the adapter holds. */
  close(): Promise<void>;
}

/** Minimal WebSocket surface the WebSocket adapter needs (browser `WebSocket` and `ws` both fit). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: "open" | "close" | "error" | "message", listener: (event: any) => void): void;
  removeEventListener(type: "open" | "close" | "error" | "message", listener: (event: any) => void): void;
}

/** What a {@link WebSocketFactory} is asked to send with the upgrade request. */
export interface WebSocketInit {
  /**
   * The client's `apiKey` (as `x-api-key`) and `headers`; empty when none are configured. A
   * browser `WebSocket` cannot send them: carry them another way (cookies, a subprotocol, a proxy)
   * or use the SSE transport.
   */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Creates a WebSocket for a URL. Inject one built on `ws` in Node 20, which has no global
 * WebSocket; it can send `init.headers` with the upgrade request.
 *
 * @example
 * import { WebSocket } from "ws";
 * const webSocketFactory: WebSocketFactory = (url, init) => new WebSocket(url, { headers: init.headers });
 */
export type WebSocketFactory = (url: string, init: WebSocketInit) => WebSocketLike;

/** The `fetch` signature adapters use. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;
