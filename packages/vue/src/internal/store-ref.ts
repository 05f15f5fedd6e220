/**
 * The one reactivity bridge of the binding: a core store as a shallow ref.
 */
import type { ReadableStore } from "@agent-stream/core";
import { shallowReadonly, shallowRef, watch, type ShallowRef } from "vue";

/** A store bound to a ref, plus a way to read the store's snapshot before it notifies. */
export interface BoundStore<T> {
  readonly state: Readonly<ShallowRef<T>>;
  /** Copies the store's current snapshot into `state` now (stores notify on a later macrotask). */
  refresh(): void;
}

/**
 * Binds `getStore()`'s snapshot to a shallow ref, subscribed from now until the current effect
 * scope is disposed. `getStore` is tracked: when it returns another store (a rebuilt controller),
 * the ref follows the new one. Snapshots are never proxied, so they keep their identity.
 */
export function bindStore<T>(getStore: () => ReadableStore<T>): BoundStore<T> {
  const state = shallowRef<T>(undefined as T);
  let current: ReadableStore<T> | undefined;
  watch(
    getStore,
    (store, _previous, onCleanup) => {
      current = store;
      state.value = store.getSnapshot();
      onCleanup(store.subscribe(() => (state.value = store.getSnapshot())));
    },
    // Sync: the ref holds a value from the first line after the call, and never a stale store's.
    { immediate: true, flush: "sync" },
  );
  return {
    state: shallowReadonly(state),
    refresh: () => {
      if (current !== undefined) state.value = current.getSnapshot();
    },
  };
}

/**
 * A read-only shallow ref of `getStore()`'s snapshot (see {@link bindStore}).
 *
 * @example
 * const queue = useStoreRef(() => controller.queueStore);
 */
export function useStoreRef<T>(getStore: () => ReadableStore<T>): Readonly<ShallowRef<T>> {
  return bindStore(getStore).state;
}
