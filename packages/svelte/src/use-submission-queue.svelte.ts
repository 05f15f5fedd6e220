/**
 * `useSubmissionQueue`: submits waiting behind the run in flight.
 */
import type { SubmissionQueueEntry } from "@agent-stream/core";
import { sharedStoreValue } from "./internal/store-value.js";
import type { ReactiveValue } from "./reactive-value.js";
import { controllerOf, type StreamSource } from "./stream-handle.js";

/** The client-side queue of `multitaskStrategy: "enqueue"` submits; `current` is `entries`. */
export interface SubmissionQueue extends ReactiveValue<readonly SubmissionQueueEntry[]> {
  /** Waiting submits, oldest first. */
  readonly entries: readonly SubmissionQueueEntry[];
  readonly size: number;
  /** Removes one waiting submit; resolves true when it was still queued. */
  cancel(id: string): Promise<boolean>;
  /** Removes every waiting submit. */
  clear(): Promise<void>;
}

const identity = <T>(value: T): T => value;

/**
 * The stream's submission queue. Submits made with `multitaskStrategy: "enqueue"` while a run is
 * in flight wait here and start one after another.
 *
 * @example
 * const queue = useSubmissionQueue(stream);
 * // {#each queue.entries as entry (entry.id)}<button onclick={() => queue.cancel(entry.id)}>cancel</button>{/each}
 */
export function useSubmissionQueue(stream: StreamSource<any>): SubmissionQueue {
  const entries = (): readonly SubmissionQueueEntry[] => sharedStoreValue(controllerOf(stream).queueStore, "", identity).current;
  return {
    get current() {
      return entries();
    },
    get entries() {
      return entries();
    },
    get size() {
      return entries().length;
    },
    cancel: (id) => controllerOf(stream).cancelQueued(id),
    clear: () => controllerOf(stream).clearQueue(),
  };
}
