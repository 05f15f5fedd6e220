/**
 * Reads one field of a controller's root snapshot, re-rendering only when that field changes.
 */
import type { RootSnapshot } from "@agent-stream/core";
import { useSyncExternalStore } from "react";
import { controllerOf, type StreamSource } from "../stream-handle";

/** `snapshot[field]` of the stream's root store. */
export function useRootField<TState extends Record<string, unknown>, K extends keyof RootSnapshot<TState>>(
  stream: StreamSource<TState>,
  field: K,
): RootSnapshot<TState>[K] {
  const store = controllerOf(stream).rootStore as { subscribe(listener: () => void): () => void; getSnapshot(): RootSnapshot<TState> };
  const read = (): RootSnapshot<TState>[K] => store.getSnapshot()[field];
  return useSyncExternalStore(store.subscribe, read, read);
}
