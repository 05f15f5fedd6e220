/**
 * `injectSubmissionQueue`: submits waiting behind the run in flight.
 */
import type { SubmissionQueueEntry } from "@agent-stream/core";
import { computed, untracked, type Signal } from "@angular/core";
import { bindingContext, type InjectOptions } from "./internal/binding-context";
import { storeSignal } from "./internal/store-signal";
import { controllerOf, type StreamSource } from "./stream-handle";

/** The client-side queue of `multitaskStrategy: "enqueue"` submits. */
export interface SubmissionQueue {
  /** Waiting submits, oldest first. */
  readonly entries: Signal<readonly SubmissionQueueEntry[]>;
  readonly size: Signal<number>;
  /** Removes one waiting submit; resolves true when it was still queued. */
  cancel(id: string): Promise<boolean>;
  /** Removes every waiting submit. */
  clear(): Promise<void>;
}

/**
 * The stream's submission queue. Submits made with `multitaskStrategy: "enqueue"` while a run is
 * in flight wait here and start one after another.
 *
 * @example
 * readonly queue = injectSubmissionQueue(this.stream);
 * // @for (entry of queue.entries(); track entry.id) { <button (click)="queue.cancel(entry.id)">x</button> }
 */
export function injectSubmissionQueue(stream: StreamSource<any>, options?: InjectOptions): SubmissionQueue {
  const context = bindingContext("injectSubmissionQueue", injectSubmissionQueue, options);
  const entries = storeSignal(() => controllerOf(stream).queueStore, context);
  const controller = (): ReturnType<typeof controllerOf> => untracked(() => controllerOf(stream));
  return {
    entries,
    size: computed(() => entries().length),
    cancel: (id) => controller().cancelQueued(id),
    clear: () => controller().clearQueue(),
  };
}
