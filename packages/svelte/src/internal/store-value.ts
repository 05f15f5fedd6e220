/**
 * Core stores read under runes: a small class on `createSubscriber` exposing `.current`.
 */
import type { ReadableStore } from "@agent-stream/core";
import { createSubscriber } from "svelte/reactivity";

/**
 * `select(store.getSnapshot())`, reactive when read in an effect or template: the store is
 * subscribed while at least one effect reads `current` and unsubscribed when the last one is
 * destroyed. Readers re-run only when the selected value changes (`Object.is`). Snapshots are the
 * store's own immutable objects, never proxied.
 *
 * @example
 * const isLoading = new StoreValue(controller.rootStore, (snapshot) => snapshot.isLoading);
 * $effect(() => console.log(isLoading.current));
 */
export class StoreValue<TSnapshot, TSelected = TSnapshot> {
  readonly #store: ReadableStore<TSnapshot>;
  readonly #select: (snapshot: TSnapshot) => TSelected;
  readonly #subscribe: () => void;

  constructor(store: ReadableStore<TSnapshot>, select?: (snapshot: TSnapshot) => TSelected) {
    this.#store = store;
    this.#select = select ?? ((snapshot) => snapshot as unknown as TSelected);
    this.#subscribe = createSubscriber((update) => {
      let last = this.#select(store.getSnapshot());
      return store.subscribe(() => {
        const next = this.#select(store.getSnapshot());
        if (Object.is(next, last)) return;
        last = next;
        update();
      });
    });
  }

  /** The selected value; outside an effect a plain read of the store. */
  get current(): TSelected {
    this.#subscribe();
    return this.#select(this.#store.getSnapshot());
  }
}

/** One `StoreValue` per store and key, so every reader of the same store shares one subscription. */
const shared = new WeakMap<object, Map<string, StoreValue<any, any>>>();

/**
 * The shared `StoreValue` of `store` selecting `select` (named `key` for sharing).
 *
 * @example
 * sharedStoreValue(controller.rootStore, "messages", (snapshot) => snapshot.messages).current;
 */
export function sharedStoreValue<TSnapshot, TSelected>(
  store: ReadableStore<TSnapshot>,
  key: string,
  select: (snapshot: TSnapshot) => TSelected,
): StoreValue<TSnapshot, TSelected> {
  let values = shared.get(store);
  if (values === undefined) {
    values = new Map();
    shared.set(store, values);
  }
  let value = values.get(key) as StoreValue<TSnapshot, TSelected> | undefined;
  if (value === undefined) {
    value = new StoreValue(store, select);
    values.set(key, value);
  }
  return value;
}
