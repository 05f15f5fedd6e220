/**
 * An in-memory thread for projection, discovery and headless-tool tests: records subscriptions,
 * replays earlier events to new ones (like the server does), and delivers emitted events.
 */
import { matchesFilter } from "../../protocol/filter";
import type { ProtocolEvent, SubscriptionFilter } from "../../protocol/types";
import type { ScopedSubscription, ScopedThread } from "../types";

/** A subscription of {@link FakeThread}. */
export class FakeSubscription implements ScopedSubscription {
  readonly #eventListeners = new Set<(event: ProtocolEvent) => void>();
  readonly #endListeners = new Set<(error: unknown) => void>();
  /** Events held back until the replay was delivered (history first, then live). */
  #pending: ProtocolEvent[] | undefined = [];
  active = true;

  constructor(readonly filter: SubscriptionFilter) {}

  onEvent(listener: (event: ProtocolEvent) => void): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  onEnd(listener: (error: unknown) => void): () => void {
    this.#endListeners.add(listener);
    return () => this.#endListeners.delete(listener);
  }

  unsubscribe(): void {
    this.finish(undefined);
  }

  deliver(event: ProtocolEvent): void {
    if (!this.active || !matchesFilter(this.filter, event)) return;
    if (this.#pending !== undefined) {
      this.#pending.push(event);
      return;
    }
    for (const listener of this.#eventListeners) listener(event);
  }

  /** Delivers the replay, then whatever arrived live meanwhile. */
  replay(history: readonly ProtocolEvent[]): void {
    const live = this.#pending ?? [];
    this.#pending = undefined;
    for (const event of [...history, ...live]) this.deliver(event);
  }

  finish(error: unknown): void {
    if (!this.active) return;
    this.active = false;
    for (const listener of this.#endListeners) listener(error);
  }
}

/**
 * A thread whose events the test emits. New subscriptions first receive every earlier event (on a
 * microtask, like a server replay), then live ones.
 *
 * @example
 * const thread = new FakeThread();
 * registry.bind(thread);
 * thread.emit(valuesEvent);
 */
export class FakeThread implements ScopedThread {
  readonly ordering = { lastSeq: 0 };
  readonly subscriptions: FakeSubscription[] = [];
  readonly #history: ProtocolEvent[] = [];

  constructor(readonly threadId = "thread-1") {}

  /** Subscriptions not yet ended. */
  get activeSubscriptions(): FakeSubscription[] {
    return this.subscriptions.filter((subscription) => subscription.active);
  }

  subscribe(filter: SubscriptionFilter): FakeSubscription {
    const subscription = new FakeSubscription(filter);
    this.subscriptions.push(subscription);
    const history = [...this.#history];
    queueMicrotask(() => subscription.replay(history));
    return subscription;
  }

  /** Delivers events to every matching live subscription and records them for later replays. */
  emit(...events: ProtocolEvent[]): void {
    for (const event of events) {
      if (typeof event.seq === "number") this.ordering.lastSeq = Math.max(this.ordering.lastSeq, event.seq);
      this.#history.push(event);
      for (const subscription of [...this.subscriptions]) subscription.deliver(event);
    }
  }

  /** Ends every subscription (the thread failed or closed). */
  fail(error: unknown): void {
    for (const subscription of this.subscriptions) subscription.finish(error);
  }
}

/** Resolves once pending replays were delivered and the batched writes they caused were flushed. */
export async function nextMacrotask(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
}
