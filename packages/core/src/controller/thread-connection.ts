/**
 * One controller's live connection to one thread: the ThreadStream, its root pump and replay gate.
 */
import type { Client } from "../client/client";
import type { ProtocolEvent, SubscriptionFilter } from "../protocol/types";
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
  /** A problem the stream survived (a malformed frame was skipped); events go on. */
  onProblem(error: unknown): void;
}

/** Root `tasks` events: their task-start metadata carries the server's run id (see `RunIdTracker`). */
const RUN_ID_FILTER: SubscriptionFilter = { channels: ["tasks"], namespaces: [[]], depth: 0 };

/**
 * How a new connection treats the events the server replays on open: `live` delivers everything
 * (a new thread has no history), `gated` drops the history until the controller's next command
 * starts a run, `reattach` delivers only the run that is in flight.
 */
export type ReplayMode = "live" | "gated" | "reattach";

/**
 * Opens a `ThreadStream` with the root subscription (`ROOT_PUMP_FILTER`) and the run-id feed,
 * opened in the same tick as the stream's own lifecycle watcher so all share one connection and
 * one ordered feed. Every event reaches `onEvent` once, through a {@link ReplayGate}; after
 * `close()` nothing does.
 *
 * @example
 * const connection = new ThreadConnection(threadId, options, "live", { onEvent, onFatal, onProblem });
 * await connection.thread.run.start({ input });
 */
export class ThreadConnection<TState = Record<string, unknown>> {
  readonly thread: ThreadStream<TState>;
  readonly gate: ReplayGate;
  #closed = false;
  readonly #disposers: (() => void)[] = [];

  constructor(threadId: string, options: ThreadConnectionOptions, mode: ReplayMode, handlers: ThreadConnectionHandlers) {
    this.thread = options.client.threads.stream<TState>(threadId, {
      assistantId: options.assistantId,
      transport: options.transport,
      fetch: options.fetch,
      webSocketFactory: options.webSocketFactory,
      reconnect: options.reconnect,
    });
    this.gate = new ReplayGate(mode === "live", (event) => {
      if (!this.#closed) handlers.onEvent(event);
    });
    this.#disposers.push(this.thread.onEvent((event) => this.gate.push(event)));
    this.#disposers.push(
      this.thread.onError((error) => {
        if (this.#closed) return;
        if (this.thread.closed) handlers.onFatal(error);
        else handlers.onProblem(error);
      }),
    );
    // Events are handled through onEvent; the subscriptions only shape what the server sends.
    for (const filter of [ROOT_PUMP_FILTER, RUN_ID_FILTER]) {
      const subscription = this.thread.subscribe(filter, { buffer: false });
      this.#disposers.push(() => subscription.unsubscribe());
    }
    if (mode === "reattach") void this.#openAtRunInFlight();
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

  /**
   * Learns how far the server's sequence is (any command's `applied_through_seq`): every event up
   * to there happened before we attached, so the gate opens at the last root `running` at or
   * below it, the start of the run in flight. A no-op subscribe is the only side-effect-free
   * command the server answers with that mark.
   */
  async #openAtRunInFlight(): Promise<void> {
    try {
      await this.thread.command("subscription.subscribe", { ...RUN_ID_FILTER });
      this.gate.commandAccepted(this.thread.ordering.lastAppliedThroughSeq);
    } catch {
      // No mark (server without a session, closed stream): deliver the whole replay instead; the
      // controller skips supersteps older than the stored state.
      this.gate.commandAccepted(0);
    }
  }
}
