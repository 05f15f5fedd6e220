/**
 * The one reactivity bridge of the binding: a core store as a signal.
 */
import type { ReadableStore } from "@agent-stream/core";
import { computed, signal, type Signal } from "@angular/core";
import { watchValue, type BindingContext } from "./binding-context";

/**
 * `getStore()`'s snapshot as a signal, subscribed until `context` is destroyed. `getStore` is
 * tracked: when it returns another store (a rebuilt controller) the signal reads the new one at
 * once. `version` (optional) forces a re-read, for stores that change before they notify.
 * Snapshots are never copied, so they keep their identity.
 *
 * @example
 * const queue = storeSignal(() => controllerOf(stream).queueStore, context);
 */
export function storeSignal<T>(getStore: () => ReadableStore<T>, context: BindingContext, version?: Signal<number>): Signal<T> {
  const notified = signal(0);
  const store = computed(getStore);
  watchValue(store, (current, onCleanup) => onCleanup(current.subscribe(() => notified.update((value) => value + 1))), context);
  return computed(() => {
    notified();
    version?.();
    return store().getSnapshot();
  });
}
