import type { ProtocolEvent, SubscriptionFilter } from "../protocol/types";
import { AsyncQueue } from "./async-queue";
import type { EventFeed, FeedSubscriber } from "./event-feed";

/** Options of `thread.subscribe`. */
export interface SubscribeOptions {
  /**
   * Keep events for async iteration (default true). Listener-only consumers (`onEvent`) pass
   * false so nothing accumulates in a queue nobody reads.
   */
  buffer?: boolean;
}

/**
 * A live subscription: an async iterable of the events matching its filter (history first,
 * then live), each delivered once, until `unsubscribe()` or the thread closes.
 *
 * @example
 * const subscription = thread.subscribe({ channels: ["custom"] });
 * for await (const event of subscription) console.log(event.params.data);
 */
export class EventSubscription implements AsyncIterable<ProtocolEvent>, FeedSubscriber {
  readonly #queue = new AsyncQueue<ProtocolEvent>();
  readonly #listeners = new Set<(event: ProtocolEvent) => void>();
  readonly #endListeners = new Set<(error: unknown) => void>();
  /** Resolves once the subscription is live on the server connection. */
  readonly ready: Promise<void>;

  readonly #buffer: boolean;

  constructor(
    readonly filter: SubscriptionFilter,
    private readonly feed: EventFeed,
    private readonly onRemoved: (subscription: EventSubscription) => void,
    options: SubscribeOptions = {},
  ) {
    this.#buffer = options.buffer ?? true;
    this.ready = feed.add(this);
    this.ready.catch((error: unknown) => this.#finish(error));
  }

  /** @internal Called by the feed for each matching event. */
  deliver(event: ProtocolEvent): void {
    if (this.#buffer) this.#queue.push(event);
    for (const listener of this.#listeners) listener(event);
  }

  /** Calls `listener` for each event as it arrives (in addition to iteration). */
  onEvent(listener: (event: ProtocolEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Calls `listener` once when the subscription ends (`error` is set when the thread failed or closed). */
  onEnd(listener: (error: unknown) => void): () => void {
    this.#endListeners.add(listener);
    return () => this.#endListeners.delete(listener);
  }

  /** Stops delivery and ends iteration. Idempotent. */
  unsubscribe(): void {
    this.#finish(undefined);
  }

  /** @internal Ends iteration with an error (thread failure or close). */
  fail(error: unknown): void {
    this.#finish(error);
  }

  #finish(error: unknown): void {
    if (this.#queue.ended) return;
    this.feed.remove(this);
    if (error === undefined) this.#queue.end();
    else this.#queue.fail(error);
    this.#listeners.clear();
    this.onRemoved(this);
    const listeners = [...this.#endListeners];
    this.#endListeners.clear();
    for (const listener of listeners) listener(error);
  }

  [Symbol.asyncIterator](): AsyncIterator<ProtocolEvent> {
    return this.#queue[Symbol.asyncIterator]();
  }
}
