/**
 * One controller's live connection to one thread: the ThreadStream, its root pump and replay gate.
 */
import type { Client } from "../client/client";
import type { ProtocolEvent } from "../protocol/types";
import type { ThreadStream } from "../thread/thread-stream";
import type { ReconnectOptions } from "../transport/backoff";
import type { AgentServerAdapter, FetchLike, WebSocketFactory } from "../transport/adapter";
import { ReplayGate } from "./replay-gate";
import { ROOT_PUMP_FILTER } from "./root-event-bus";

/** How to open thread streams. */
export interface ThreadConnectionOptions {
  client: Client;
  assistantId: string;
  transport?: "sse" | "websocket" | AgentServerAdapter;
  fetch?: FetchLike;
  webSocketFactory?: WebSocketFactory;
  reconnect?: ReconnectOptions;
}

/** Callbacks of a {@link ThreadConnection}. */
export interface ThreadConnectionHandlers {
  /** Each new event that passed the replay gate, in arrival order. */
  onEvent(event: ProtocolEvent): void;
  /** The stream failed for good (reconnects exhausted, fatal HTTP error). */
  onFatal(error: unknown): void;
}

/**
 * Opens a `ThreadStream` with exactly one root subscription (`ROOT_PUMP_FILTER`, opened in the same
 * tick as the stream's own lifecycle watcher so both share one connection and one ordered feed).
 * Every event reaches `onEvent` once, through a {@link ReplayGate}; after `close()` nothing does.
 *
 * @example
 * const connection = new ThreadConnection(threadId, options, true, { onEvent, onFatal });
 * await connection.thread.run.start({ input });
 */
export class ThreadConnection<TState = Record<string, unknown>> {
  readonly thread: ThreadStream<TState>;
  readonly gate: ReplayGate;
  #closed = false;
  readonly #disposers: (() => void)[] = [];

  constructor(threadId: string, options: ThreadConnectionOptions, gateOpen: boolean, handlers: ThreadConnectionHandlers) {
    this.thread = options.client.threads.stream<TState>(threadId, {
      assistantId: options.assistantId,
      transport: options.transport,
      fetch: options.fetch,
      webSocketFactory: options.webSocketFactory,
      reconnect: options.reconnect,
    });
    this.gate = new ReplayGate(gateOpen, (event) => {
      if (!this.#closed) handlers.onEvent(event);
    });
    this.#disposers.push(this.thread.onEvent((event) => this.gate.push(event)));
    this.#disposers.push(
      this.thread.onError((error) => {
        if (!this.#closed && this.thread.closed) handlers.onFatal(error);
      }),
    );
    const pump = this.thread.subscribe(ROOT_PUMP_FILTER);
    this.#disposers.push(() => pump.unsubscribe());
    // Events are handled synchronously through onEvent; draining keeps the subscription's queue empty.
    void (async () => {
      for await (const _event of pump) {
        // Nothing to do per event.
      }
    })().catch(() => undefined); // The pump ends with the thread; its error reaches onError.
  }

  /** Whether `close()` was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Stops delivery at once and closes the stream. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const dispose of this.#disposers.splice(0)) dispose();
    await this.thread.close();
  }
}
