import type { NotificationScheduler } from "./notification-scheduler.js";
import { reportUncaughtError } from "./report-error.js";

/** Called after a store's snapshot changed; read the new value with `getSnapshot()`. */
export type StoreListener = () => void;

/** Options for {@link StreamStore}. */
export interface StreamStoreOptions {
  /** Batch notifications through this scheduler instead of notifying on every change. */
  scheduler?: NotificationScheduler;
  /**
   * Receives errors thrown by listeners. Without it they go to {@link reportUncaughtError} (the
   * host's `reportError`, else a rethrow on a microtask): a listener bug stays visible, yet neither
   * the writer nor the other listeners are interrupted.
   */
  onListenerError?: (error: unknown) => void;
}

/** The read side of a store: what a framework binding needs (`useSyncExternalStore` and friends). */
export interface ReadableStore<T> {
  subscribe(listener: StoreListener): () => void;
  getSnapshot(): T;
}

/** The write side of a store: what a producer needs. */
export interface StoreWriter<T> {
  getSnapshot(): T;
  setValue(next: T): void;
  setState(updater: (previous: T) => T): void;
}

interface Subscription {
  readonly listener: StoreListener;
  active: boolean;
}

/** A listener that changes the value on every call would otherwise loop forever. */
const MAX_NOTIFY_ROUNDS = 100;

/**
 * A small observable value: `subscribe(listener) => unsubscribe` and `getSnapshot()`, which returns
 * the same reference until the value changes. Snapshots are replaced, never mutated. Every method
 * is an arrow property, so `store.subscribe` and `store.getSnapshot` can be passed around unbound.
 *
 * Listeners run in subscription order. A throwing listener does not stop the others. A listener
 * removed during a notification is not called afterwards; one added during a notification is first
 * called on the next change. A listener that writes the store does not re-enter the listener loop:
 * the loop repeats once it finishes (or, with a scheduler, the next flush reports the new value).
 *
 * @example
 * const store = new StreamStore<string[]>([]);
 * const unsubscribe = store.subscribe(() => console.log(store.getSnapshot()));
 * store.setState((lines) => [...lines, "hello"]); // logs ["hello"]
 * unsubscribe();
 */
export class StreamStore<T> implements ReadableStore<T>, StoreWriter<T> {
  #value: T;
  #lastNotified: T;
  #subscriptions: readonly Subscription[] = [];
  #notifying = false;
  readonly #scheduler: NotificationScheduler | undefined;
  readonly #onListenerError: (error: unknown) => void;

  constructor(initial: T, options: StreamStoreOptions = {}) {
    this.#value = initial;
    this.#lastNotified = initial;
    this.#scheduler = options.scheduler;
    this.#onListenerError = options.onListenerError ?? reportUncaughtError;
  }

  /** Number of active listeners (diagnostic). */
  get listenerCount(): number {
    return this.#subscriptions.length;
  }

  /**
   * Registers `listener`; the returned function removes it and is safe to call more than once.
   * Each call is its own subscription, even for the same function.
   *
   * @example
   * useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
   */
  readonly subscribe = (listener: StoreListener): (() => void) => {
    const subscription: Subscription = { listener, active: true };
    // Copy-on-write: a notification in progress keeps iterating the array it started with.
    this.#subscriptions = [...this.#subscriptions, subscription];
    return () => {
      if (!subscription.active) return;
      subscription.active = false;
      this.#subscriptions = this.#subscriptions.filter((entry) => entry !== subscription);
    };
  };

  /**
   * The current value; the same reference until it changes.
   *
   * @example
   * const lines = store.getSnapshot();
   */
  readonly getSnapshot = (): T => this.#value;

  /**
   * Replaces the value and notifies listeners (through the scheduler, if any). Does nothing when
   * `next` is `Object.is`-equal to the current value.
   *
   * @example
   * store.setValue([]);
   */
  readonly setValue = (next: T): void => {
    if (Object.is(next, this.#value)) return;
    this.#value = next;
    if (this.#scheduler !== undefined) this.#scheduler.markDirty(this.#notify);
    else this.#notify();
  };

  /**
   * Replaces the value with `updater(current)`; same rules as {@link StreamStore.setValue}.
   *
   * @example
   * store.setState((lines) => [...lines, "next"]);
   */
  readonly setState = (updater: (previous: T) => T): void => {
    this.setValue(updater(this.#value));
  };

  readonly #notify = (): void => {
    if (this.#notifying) return; // the running loop below picks up the newer value
    this.#notifying = true;
    try {
      this.#notifyUntilSettled();
    } finally {
      this.#notifying = false;
    }
    // A listener changed the value during a scheduled flush: report it on the next flush.
    if (this.#scheduler !== undefined && !Object.is(this.#value, this.#lastNotified)) {
      this.#scheduler.markDirty(this.#notify);
    }
  };

  #notifyUntilSettled(): void {
    let rounds = 0;
    // Also skips a flush whose value went A -> B -> A since listeners last heard of it.
    while (!Object.is(this.#value, this.#lastNotified)) {
      if (rounds === MAX_NOTIFY_ROUNDS) {
        this.#lastNotified = this.#value;
        this.#onListenerError(
          new Error(
            `StreamStore: listeners changed the value ${MAX_NOTIFY_ROUNDS} times in one notification. ` +
              "A listener probably writes a new object on every call; write only when the value differs.",
          ),
        );
        return;
      }
      rounds += 1;
      this.#lastNotified = this.#value;
      this.#callListeners();
      if (this.#scheduler !== undefined) return;
    }
  }

  #callListeners(): void {
    for (const subscription of this.#subscriptions) {
      if (!subscription.active) continue;
      try {
        subscription.listener();
      } catch (error) {
        this.#onListenerError(error);
      }
    }
  }
}
