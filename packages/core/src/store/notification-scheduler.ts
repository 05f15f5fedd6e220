import { scheduleMacrotask, type CancelMacrotask } from "./macrotask.js";
import { reportUncaughtError } from "./report-error.js";

/** Tells one store's listeners about its latest value; a store registers the same function each time. */
export type DirtyNotifier = () => void;

/** Options for {@link NotificationScheduler}. */
export interface NotificationSchedulerOptions {
  /**
   * Minimum spacing between flushes, in milliseconds (default 0: one flush per macrotask).
   * The first change after a quiet period flushes promptly; changes inside the window that follows
   * are coalesced into one flush at the window's end, and a steady stream flushes once per window.
   */
  throttleMs?: number;
}

/**
 * Batches store notifications: stores mark themselves dirty, and each dirty store is notified once
 * per flush however many times it changed.
 *
 * Flush timing: a flush runs on the next **macrotask**, not a microtask. A transport read chunk of
 * many events reaches its consumers through async iterators, one or more microtasks per event, so
 * a microtask flush would fire after the first few events of the chunk; a macrotask runs only once
 * the whole microtask queue has drained, so events that arrive together produce one notification
 * per store. Call {@link NotificationScheduler.flushNow} where latency matters more than batching
 * (terminal lifecycle, interrupts, errors).
 *
 * @example
 * const scheduler = new NotificationScheduler({ throttleMs: 50 });
 * const store = new StreamStore<string>("", { scheduler });
 * store.subscribe(() => render(store.getSnapshot()));
 * for (const token of tokens) store.setState((text) => text + token); // one render per window
 * scheduler.flushNow(); // run finished: render now
 */
export class NotificationScheduler {
  /** The throttle window in milliseconds; 0 means "once per macrotask". */
  readonly throttleMs: number;
  #dirty = new Set<DirtyNotifier>();
  #prepares = new Set<() => void>();
  #cancelLeadingFlush: CancelMacrotask | undefined;
  #windowTimer: ReturnType<typeof setTimeout> | undefined;
  /** `performance.now()` when the last flush ended (throttled schedulers only). */
  #lastFlushAt = Number.NEGATIVE_INFINITY;
  #disposed = false;

  constructor(options: NotificationSchedulerOptions = {}) {
    const throttleMs = options.throttleMs ?? 0;
    if (!Number.isFinite(throttleMs) || throttleMs < 0) {
      throw new RangeError(
        `NotificationScheduler: throttleMs must be a finite number >= 0, got ${String(throttleMs)}.`,
      );
    }
    this.throttleMs = throttleMs;
  }

  /** Whether {@link NotificationScheduler.dispose} has been called. */
  get disposed(): boolean {
    return this.#disposed;
  }

  /**
   * Queues `notifier` for the next flush (once, however often it is marked). After `dispose()` the
   * notifier runs synchronously, so a store that outlives its scheduler never goes silent.
   *
   * @example
   * scheduler.markDirty(notifyMyListeners);
   */
  markDirty(notifier: DirtyNotifier): void {
    if (this.#disposed) {
      notifier();
      return;
    }
    this.#dirty.add(notifier);
    this.#scheduleFlush();
  }

  /**
   * Runs `task` at the start of the next flush, before any store is notified (once, however often
   * it is requested). Projections that publish in batches compute here, so whatever a flush shows
   * (including a `flushNow` for a finished run) already holds every event received before it.
   * Returns a function that withdraws the task. After `dispose()` the task runs on a macrotask.
   *
   * @example
   * const withdraw = scheduler.prepare(publishConversation);
   */
  prepare(task: () => void): () => void {
    if (this.#disposed) return scheduleMacrotask(task);
    this.#prepares.add(task);
    this.#scheduleFlush();
    return () => {
      this.#prepares.delete(task);
    };
  }

  #scheduleFlush(): void {
    // Inside a throttle window the window's end flushes; otherwise one leading flush is enough.
    if (this.#cancelLeadingFlush !== undefined || this.#windowTimer !== undefined) return;
    const remaining = this.#remainingWindow();
    if (remaining > 0) this.#windowTimer = setTimeout(this.#onWindowEnd, remaining);
    else this.#cancelLeadingFlush = scheduleMacrotask(this.#onLeadingFlush);
  }

  /**
   * Notifies every dirty store now instead of waiting for the scheduled flush.
   *
   * @example
   * if (event.method === "lifecycle" && isTerminal(event)) scheduler.flushNow();
   */
  flushNow(): void {
    if (this.#disposed) return;
    this.#cancelLeadingFlush?.();
    this.#cancelLeadingFlush = undefined;
    this.#flush();
  }

  /**
   * Cancels pending timers and drops pending notifications (their listeners are being torn down
   * too); later `markDirty` calls notify synchronously. Idempotent.
   *
   * @example
   * controller.dispose = () => { scheduler.dispose(); };
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#cancelLeadingFlush?.();
    this.#cancelLeadingFlush = undefined;
    if (this.#windowTimer !== undefined) clearTimeout(this.#windowTimer);
    this.#windowTimer = undefined;
    this.#dirty.clear();
    this.#prepares.clear();
  }

  readonly #onLeadingFlush = (): void => {
    this.#cancelLeadingFlush = undefined;
    // Open the window first, so stores marked dirty by listeners during this flush wait for its end.
    this.#openWindow();
    this.#flush();
  };

  readonly #onWindowEnd = (): void => {
    this.#windowTimer = undefined;
    if (this.#dirty.size === 0 && this.#prepares.size === 0) return;
    // Node measures a timer from the start of the loop iteration that set it, so it can fire up to
    // ~1 ms early: re-arm for what is left rather than flush inside the window (regression: gaps of 15 ms at 16).
    const remaining = this.#remainingWindow();
    if (remaining > 0) {
      this.#windowTimer = setTimeout(this.#onWindowEnd, remaining);
      return;
    }
    this.#openWindow();
    this.#flush();
  };

  #openWindow(): void {
    if (this.throttleMs > 0) this.#windowTimer = setTimeout(this.#onWindowEnd, this.throttleMs);
  }

  /** Milliseconds until a flush may run again (0 or less: now). */
  #remainingWindow(): number {
    if (this.throttleMs === 0) return 0;
    return this.#lastFlushAt + this.throttleMs - performance.now();
  }

  #flush(): void {
    this.#runPrepares();
    if (this.#dirty.size === 0) return;
    try {
      this.#notifyBatch();
    } finally {
      // Measured when the flush ends, so the next one starts a full window after the last listener ran.
      if (this.throttleMs > 0) this.#lastFlushAt = performance.now();
    }
  }

  #runPrepares(): void {
    if (this.#prepares.size === 0) return;
    const tasks = this.#prepares;
    this.#prepares = new Set();
    runEach(tasks);
  }

  #notifyBatch(): void {
    // A fresh set per flush keeps re-entrant marks (a listener writing another store) for the next flush.
    const batch = this.#dirty;
    this.#dirty = new Set();
    runEach(batch);
  }
}

/** Runs every callback; one that throws is reported and must not starve the others. */
function runEach(callbacks: Iterable<() => void>): void {
  for (const callback of callbacks) {
    try {
      callback();
    } catch (error) {
      reportUncaughtError(error);
    }
  }
}
