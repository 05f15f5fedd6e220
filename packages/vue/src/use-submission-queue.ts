/**
 * `useSubmissionQueue`: submits waiting behind the run in flight.
 */
import type { SubmissionQueueEntry } from "@agent-stream/core";
import { computed, type ComputedRef, type ShallowRef } from "vue";
import { useStoreRef } from "./internal/store-ref";
import { controllerOf, type StreamSource } from "./stream-handle";

/** The client-side queue of `multitaskStrategy: "enqueue"` submits. */
export interface SubmissionQueue {
  /** Waiting submits, oldest first. */
  readonly entries: Readonly<ShallowRef<readonly SubmissionQueueEntry[]>>;
  readonly size: ComputedRef<number>;
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
 * const queue = useSubmissionQueue(stream);
 * // <li v-for="entry in queue.entries.value" :key="entry.id"><button @click="queue.cancel(entry.id)">x</button></li>
 */
export function useSubmissionQueue(stream: StreamSource<any>): SubmissionQueue {
  const entries = useStoreRef(() => controllerOf(stream).queueStore);
  return {
    entries,
    size: computed(() => entries.value.length),
    cancel: (id) => controllerOf(stream).cancelQueued(id),
    clear: () => controllerOf(stream).clearQueue(),
  };
}
