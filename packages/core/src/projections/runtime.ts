/**
 * Plumbing shared by the scoped projections: one unbuffered subscription per runtime, and
 * store writes batched to one per macrotask.
 */
import type { ProtocolEvent, SubscriptionFilter } from "../protocol/types";
import { scheduleMacrotask, type CancelMacrotask } from "../store/macrotask";
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
 * Runs `work` at most once per macrotask however often it is requested: per-token changes are
 * cheap to record, and the copy that publishes them happens once per batch.
 *
 * @example
 * const flush = new BatchedFlush(() => store.setValue(conversation.flush().messages));
 * flush.request(); flush.request(); // one run on the next macrotask
 */
export class BatchedFlush {
  readonly #work: () => void;
  #cancel: CancelMacrotask | undefined;

  constructor(work: () => void) {
    this.#work = work;
  }

  /** Schedules a run on the next macrotask, unless one is already pending. */
  request(): void {
    if (this.#cancel !== undefined) return;
    this.#cancel = scheduleMacrotask(() => {
      this.#cancel = undefined;
      this.#work();
    });
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
