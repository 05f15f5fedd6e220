/**
 * The controller's connection slot: at most one live `ThreadConnection` at a time.
 */
import type { ProtocolEvent } from "../protocol/types";
import type { ChannelRegistry } from "../store/channel-registry";
import type { ThreadStream } from "../thread/thread-stream";
import type { RootEventBus } from "./root-event-bus";
import { ThreadConnection, type ReplayMode, type ThreadConnectionOptions } from "./thread-connection";

/** What the session reports from its live connection. */
export interface ThreadSessionHandlers {
  /** A gated event of the live connection (never one of a connection closed since). */
  onEvent(event: ProtocolEvent): void;
  /** The live connection failed for good. */
  onFatal(error: unknown): void;
  /** The live connection survived a problem (a skipped malformed frame). */
  onProblem(error: unknown): void;
}

/**
 * Opens, replaces and closes the controller's connection. Each connection is numbered; callbacks
 * of a connection that is no longer the live one are dropped, so no event of an old thread lands
 * in the stores after a switch. The registry is rebound with every change, and `subscribeThread`
 * listeners hear about it.
 *
 * @example
 * const session = new ThreadSession(options, registry, { onEvent, onFatal, onProblem });
 * session.nextMode = "gated";
 * const { thread } = session.ensure(threadId);
 */
export class ThreadSession<TState> {
  readonly #options: ThreadConnectionOptions;
  readonly #registry: ChannelRegistry<ThreadStream<TState>, RootEventBus<TState>>;
  readonly #handlers: ThreadSessionHandlers;
  readonly #listeners = new Set<(thread: ThreadStream<TState> | undefined) => void>();
  #connection: ThreadConnection<TState> | undefined;
  #generation = 0;
  /** How the next connection treats the events the server replays when it opens. */
  nextMode: ReplayMode = "live";

  constructor(
    options: ThreadConnectionOptions,
    registry: ChannelRegistry<ThreadStream<TState>, RootEventBus<TState>>,
    handlers: ThreadSessionHandlers,
  ) {
    this.#options = options;
    this.#registry = registry;
    this.#handlers = handlers;
  }

  /** The live connection, if any. */
  get connection(): ThreadConnection<TState> | undefined {
    return this.#connection;
  }

  /** The live `ThreadStream`, if any. */
  get thread(): ThreadStream<TState> | undefined {
    return this.#connection?.thread;
  }

  /** The live connection, opened on `threadId` (with `nextMode`) when there is none. */
  ensure(threadId: string): ThreadConnection<TState> {
    if (this.#connection !== undefined) return this.#connection;
    const generation = this.#generation;
    const connection = new ThreadConnection<TState>(threadId, this.#options, this.nextMode, {
      onEvent: (event) => {
        if (generation === this.#generation) this.#handlers.onEvent(event);
      },
      onFatal: (error) => {
        if (generation === this.#generation) this.#handlers.onFatal(error);
      },
      onProblem: (error) => {
        if (generation === this.#generation) this.#handlers.onProblem(error);
      },
    });
    this.#connection = connection;
    this.#registry.bind(connection.thread);
    this.#notify();
    return connection;
  }

  /** Opens the connection when a scoped view of the registry needs it (see `ProjectionSpec.needsConnection`). */
  ensureForScopedViews(threadId: string): void {
    if (this.#connection === undefined && this.#registry.needsConnection) this.ensure(threadId);
  }

  /** Closes the live connection; nothing it still delivers reaches the handlers. */
  async close(): Promise<void> {
    this.#generation += 1;
    const connection = this.#connection;
    if (connection === undefined) return;
    this.#connection = undefined;
    if (!this.#registry.disposed) this.#registry.bind(null);
    this.#notify();
    await connection.close();
  }

  /** Calls `listener` now and whenever the live `ThreadStream` changes. */
  subscribe(listener: (thread: ThreadStream<TState> | undefined) => void): () => void {
    this.#listeners.add(listener);
    listener(this.thread);
    return () => this.#listeners.delete(listener);
  }

  /** Forgets every listener (controller disposed). */
  clearListeners(): void {
    this.#listeners.clear();
  }

  #notify(): void {
    const thread = this.thread;
    for (const listener of this.#listeners) listener(thread);
  }
}
