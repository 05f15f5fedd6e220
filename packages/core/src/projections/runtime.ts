/**
 * Plumbing shared by the scoped projections: one unbuffered subscription per runtime, and
 * store writes batched to one per flush.
 */
import type { ProtocolEvent, SubscriptionFilter } from "../protocol/types";
import { scheduleMacrotask, type CancelMacrotask } from "../store/macrotask";
import type { NotificationScheduler } from "../store/notification-scheduler";
import type { ScopedContext } from "./types";

/** Callbacks of {@link openScopedSubscription}. */
export interface ScopedSubscriptionHandlers {
  /** Each matching event, once, in order (history first, then live). */
  onEvent(event: ProtocolEvent): void;
  /** The subscription ended without `dispose` (the thread closed or failed); `error` says why. */
  onEnd?(error: unknown): void;
}

/**
 * Subscribes `filter` on the context's thread without buffering (events are handled as they
 * arrive). Returns the unsubscribe function; events after it, or after the runtime was disposed,
 * are ignored. A handler that throws is reported through `context.reportError`.
 *
 * @example
 * const stop = openScopedSubscription(context, { channels: ["values"] }, { onEvent: apply });
 */
export function openScopedSubscription<T>(
  context: ScopedContext<T>,
  filter: SubscriptionFilter,
  handlers: ScopedSubscriptionHandlers,
): () => void {
  const { signal } = context;
  const subscription = context.thread.subscribe(filter, { buffer: false });
  let active = true;
  subscription.onEvent((event) => {
    if (!active || signal.aborted) return;
    try {
      handlers.onEvent(event);
    } catch (error) {
      context.reportError(error);
    }
  });
  subscription.onEnd((error) => {
    if (!active || signal.aborted) return;
    active = false;
    try {
      handlers.onEnd?.(error);
    } catch (handlerError) {
      context.reportError(handlerError);
    }
  });
  return () => {
    active = false;
    subscription.unsubscribe();
  };
}

/**
 * Runs `work` at most once per flush however often it is requested: per-token changes are cheap
 * to record, and the copy that publishes them happens once per batch. With the registry's
 * scheduler the work runs at the start of that scheduler's next flush, so a scoped store changes
 * in the same notification as the controller's root store (a finished run shows its last image
 * together with `isLoading: false`); without one, on the next macrotask.
 *
 * @example
 * const flush = new BatchedFlush(() => store.setValue(conversation.flush().messages), context.scheduler);
 * flush.request(); flush.request(); // one run at the next flush
 */
export class BatchedFlush {
  readonly #work: () => void;
  readonly #scheduler: NotificationScheduler | undefined;
  #cancel: CancelMacrotask | undefined;

  constructor(work: () => void, scheduler?: NotificationScheduler) {
    this.#work = work;
    this.#scheduler = scheduler;
  }

  /** Schedules a run at the next flush, unless one is already pending. */
  request(): void {
    if (this.#cancel !== undefined) return;
    const run = (): void => {
      this.#cancel = undefined;
      this.#work();
    };
    this.#cancel = this.#scheduler === undefined ? scheduleMacrotask(run) : this.#scheduler.prepare(run);
  }

  /** Runs now (and drops the pending run), e.g. when a stream ends. */
  runNow(): void {
    this.cancel();
    this.#work();
  }

  /** Drops the pending run. */
  cancel(): void {
    this.#cancel?.();
    this.#cancel = undefined;
  }
}
