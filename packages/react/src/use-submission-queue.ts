"use client";
/**
 * `useSubmissionQueue`: submits waiting behind the run in flight.
 */
import type { SubmissionQueueEntry } from "@agent-stream/core";
import { useMemo, useSyncExternalStore } from "react";
import { controllerOf, type StreamSource } from "./stream-handle";

/** The client-side queue of `multitaskStrategy: "enqueue"` submits. */
export interface SubmissionQueue {
  /** Waiting submits, oldest first. */
  readonly entries: readonly SubmissionQueueEntry[];
  readonly size: number;
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
 * queue.entries.map((entry) => <button onClick={() => queue.cancel(entry.id)}>cancel</button>);
 */
export function useSubmissionQueue(stream: StreamSource<any>): SubmissionQueue {
  const controller = controllerOf(stream);
  const store = controller.queueStore;
  const entries = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  return useMemo(
    () => ({
      entries,
      size: entries.length,
      cancel: (id: string) => controller.cancelQueued(id),
      clear: () => controller.clearQueue(),
    }),
    [entries, controller],
  );
}
