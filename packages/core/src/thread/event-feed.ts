import { HttpError, ReconnectExhaustedError, ThreadClosedError } from "../protocol/errors";
import { channelMatches, channelOfEvent, compileFilter, filterCovers, unionFilter, type CompiledFilter } from "../protocol/filter";
import type { Channel, ProtocolEvent, SubscriptionFilter } from "../protocol/types";
import type { AgentServerAdapter, EventConnection } from "../transport/adapter";
import { EventIdSet } from "./event-id-set";
import { DEFAULT_MAX_RECONNECT_ATTEMPTS, defaultReconnectDelay, type ReconnectOptions } from "../transport/backoff";

/** Something that receives the events matching its filter, each at most once. */
export interface FeedSubscriber {
  readonly filter: SubscriptionFilter;
  deliver(event: ProtocolEvent): void;
}

/** What the feed reports upward to its owner. */
export interface EventFeedHooks {
  /** An event seen for the first time on this thread (deduplicated by `event_id`). */
  onNewEvent(event: ProtocolEvent): void;
  /** A frame was skipped because it could not be parsed. */
  onMalformedFrame(raw: string, cause: unknown): void;
  /** The feed could not be kept alive; nothing more will arrive. */
  onFatal(error: unknown): void;
  /** A dropped connection is being re-established. */
  onReconnecting?(attempt: number, cause: unknown): void;
}

interface SubscriberState {
  readonly subscriber: FeedSubscriber;
  readonly matches: CompiledFilter;
  /** Events from connections older than this generation are not for this subscriber. */
  minGeneration: number;
  /** Highest seq delivered: connections deliver in seq order, so anything at or below is a replayed copy. */
  lastSeq: number;
  /** Fallback dedupe for events that carry an id but no seq. */
  seenIdsWithoutSeq?: Set<string>;
  readonly ready: { promise: Promise<void>; resolve(): void; reject(error: unknown): void };
}

interface LiveConnection {
  readonly generation: number;
  readonly handle: EventConnection;
  readonly filter: SubscriptionFilter;
}

function deferred(): SubscriberState["ready"] {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * One logical event stream for a thread over any adapter: keeps a single connection whose
 * filter is the union of its subscribers, rotates it when a subscriber needs more (or needs
 * history replayed), reconnects with backoff when it drops, and delivers every event to each
 * matching subscriber exactly once.
 */
export class EventFeed {
  readonly #states = new Map<FeedSubscriber, SubscriberState>();
  readonly #seenEventIds = new EventIdSet();
  readonly #deliveredChannels = new Set<Channel>();
  #current: LiveConnection | undefined;
  #opening: EventConnection | undefined;
  #generation = 0;
  #failures = 0;
  #connecting = false;
  #connectAgain = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #wakeRetry: (() => void) | undefined;
  #closed = false;
  #fatalError: unknown = undefined;
  #maxSeq = 0;

  constructor(
    private readonly adapter: AgentServerAdapter,
    private readonly hooks: EventFeedHooks,
    private readonly reconnect: ReconnectOptions = {},
  ) {}

  /** Highest `seq` seen on any connection. */
  get maxSeq(): number {
    return this.#maxSeq;
  }

  /** Adds a subscriber; resolves once a live connection covers it (history replayed if needed). */
  add(subscriber: FeedSubscriber): Promise<void> {
    if (this.#closed) return Promise.reject(this.#fatalError ?? new ThreadClosedError());
    const state: SubscriberState = {
      subscriber,
      matches: compileFilter(subscriber.filter),
      minGeneration: Number.POSITIVE_INFINITY,
      lastSeq: 0,
      ready: deferred(),
    };
    this.#states.set(subscriber, state);
    const current = this.#current;
    const needsHistory = this.adapter.replaysOnOpen && this.#hasDelivered(subscriber.filter);
    if (current && filterCovers(current.filter, subscriber.filter) && !needsHistory) {
      state.minGeneration = current.generation;
      state.ready.resolve();
    } else {
      this.#requestConnection();
    }
    return state.ready.promise;
  }

  /** Removes a subscriber. The connection is not narrowed: extra events are filtered locally. */
  remove(subscriber: FeedSubscriber): void {
    const state = this.#states.get(subscriber);
    if (!state) return;
    this.#states.delete(subscriber);
    state.ready.resolve();
  }

  /** Forgets which events were seen, for a server whose sequence restarted. */
  resetDedupe(): void {
    this.#seenEventIds.clear();
    this.#maxSeq = 0;
    for (const state of this.#states.values()) {
      state.lastSeq = 0;
      state.seenIdsWithoutSeq = undefined;
    }
  }

  /** Closes every connection; pending `add` promises reject with `ThreadClosedError`. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    this.#wakeRetry?.();
    this.#opening?.close();
    this.#current?.handle.close();
    this.#current = undefined;
    for (const state of this.#states.values()) state.ready.reject(new ThreadClosedError());
  }

  #hasDelivered(filter: SubscriptionFilter): boolean {
    for (const delivered of this.#deliveredChannels) if (channelMatches(filter.channels, delivered)) return true;
    return false;
  }

  #requestConnection(): void {
    if (this.#connecting) {
      this.#connectAgain = true;
      return;
    }
    this.#connecting = true;
    // Let every subscriber added in this tick join the same connection.
    queueMicrotask(() => void this.#connectLoop());
  }

  async #connectLoop(): Promise<void> {
    try {
      do {
        this.#connectAgain = false;
        await this.#openOnce();
      } while (this.#connectAgain && !this.#closed);
    } finally {
      this.#connecting = false;
    }
  }

  async #openOnce(): Promise<void> {
    for (;;) {
      if (this.#closed) return;
      const generation = ++this.#generation;
      for (const state of this.#states.values()) {
        if (state.minGeneration === Number.POSITIVE_INFINITY) state.minGeneration = generation;
      }
      const filter = unionFilter([...this.#states.values()].map((state) => state.subscriber.filter));
      let handle: EventConnection;
      try {
        handle = this.adapter.openEvents(filter, {
          onEvent: (event) => this.#receive(generation, event),
          onMalformedFrame: (raw, cause) => this.hooks.onMalformedFrame(raw, cause),
        });
      } catch (error) {
        // An adapter that cannot even start (no WebSocket, headers it cannot send, a throwing
        // factory) is misconfigured: retrying would fail the same way, so the feed fails now.
        this.#fail(error);
        return;
      }
      this.#opening = handle;
      try {
        await handle.ready;
      } catch (error) {
        handle.close();
        if (this.#closed) return;
        if (!(await this.#backOff(error))) return;
        continue;
      } finally {
        this.#opening = undefined;
      }
      if (this.#closed) {
        handle.close();
        return;
      }
      const previous = this.#current;
      this.#current = { generation, handle, filter };
      previous?.handle.close();
      for (const state of this.#states.values()) {
        if (state.minGeneration <= generation) state.ready.resolve();
      }
      handle.closed.then(
        () => this.#dropped(generation, new Error("the server ended the event stream")),
        (error: unknown) => this.#dropped(generation, error),
      );
      return;
    }
  }

  /** Waits before the next attempt; false when giving up (the feed is then failed). */
  async #backOff(cause: unknown): Promise<boolean> {
    if (cause instanceof HttpError && !cause.retryable) {
      this.#fail(cause);
      return false;
    }
    this.#failures += 1;
    const maxAttempts = this.reconnect.maxAttempts ?? DEFAULT_MAX_RECONNECT_ATTEMPTS;
    if (this.#failures > maxAttempts) {
      this.#fail(new ReconnectExhaustedError(maxAttempts, cause));
      return false;
    }
    this.hooks.onReconnecting?.(this.#failures, cause);
    const delay = (this.reconnect.delayMs ?? defaultReconnectDelay)(this.#failures);
    await new Promise<void>((resolve) => {
      this.#wakeRetry = resolve;
      this.#retryTimer = setTimeout(resolve, delay);
    });
    this.#wakeRetry = undefined;
    return !this.#closed;
  }

  #dropped(generation: number, cause: unknown): void {
    if (this.#closed || this.#current?.generation !== generation) return;
    this.#current = undefined;
    void (async () => {
      if (!(await this.#backOff(cause))) return;
      this.#requestConnection();
    })();
  }

  #fail(error: unknown): void {
    if (this.#closed) return;
    this.#fatalError = error;
    for (const state of this.#states.values()) state.ready.reject(error);
    this.close();
    this.hooks.onFatal(error);
  }

  #receive(generation: number, event: ProtocolEvent): void {
    if (this.#closed) return;
    const id = event.event_id;
    const seq = typeof event.seq === "number" ? event.seq : undefined;
    const isNew = id === undefined || this.#seenEventIds.add(id);
    if (isNew && id !== undefined) {
      // Progress: a connection that brings something new earns back its reconnect attempts.
      this.#failures = 0;
    }
    if (seq !== undefined && seq > this.#maxSeq) this.#maxSeq = seq;
    const channel = channelOfEvent(event);
    if (channel !== undefined) this.#deliveredChannels.add(channel);
    if (isNew) this.hooks.onNewEvent(event);
    // Unknown methods match no filter (forward compatibility); thread-level listeners heard them above.
    if (channel === undefined) return;
    const namespace = event.params.namespace;
    for (const state of this.#states.values()) {
      if (generation < state.minGeneration) continue;
      if (!state.matches(channel, namespace)) continue;
      if (seq !== undefined) {
        if (seq <= state.lastSeq) continue;
        state.lastSeq = seq;
      } else if (id !== undefined) {
        state.seenIdsWithoutSeq ??= new Set();
        if (state.seenIdsWithoutSeq.has(id)) continue;
        state.seenIdsWithoutSeq.add(id);
      }
      state.subscriber.deliver(event);
    }
  }
}
