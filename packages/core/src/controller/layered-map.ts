/**
 * An immutable map that shares its bulk with the snapshot it was derived from.
 */

const DELETED: unique symbol = Symbol("deleted");
type Layer<K, V> = Map<K, V | typeof DELETED>;

/** Smallest number of changes kept on top of the base before they are merged into it. */
const MIN_LAYER_LIMIT = 32;

/**
 * A `ReadonlyMap` snapshot whose successors share its base: {@link LayeredMap.with} copies only the
 * layer of recent changes, not every entry, so recording one message in a 10,000-message thread
 * does not copy 10,000 entries. The layer is merged into a fresh base once it outgrows about the
 * square root of the size, which keeps each write O(√n) amortised. Reads are O(1); iteration order
 * is the base's, then keys added since.
 *
 * @example
 * const first = LayeredMap.empty<string, number>();
 * const second = first.with([["a", 1]], []);
 * second.get("a"); // 1, and first is unchanged
 */
export class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  readonly size: number;
  readonly #base: ReadonlyMap<K, V>;
  readonly #layer: Layer<K, V>;
  #merged: ReadonlyMap<K, V> | undefined;

  private constructor(base: ReadonlyMap<K, V>, layer: Layer<K, V>, size: number) {
    this.#base = base;
    this.#layer = layer;
    this.size = size;
    if (layer.size === 0) this.#merged = base;
  }

  /** An empty map. */
  static empty<K, V>(): LayeredMap<K, V> {
    return new LayeredMap<K, V>(new Map(), new Map(), 0);
  }

  /** A snapshot over `entries` (copied). */
  static from<K, V>(entries: Iterable<readonly [K, V]>): LayeredMap<K, V> {
    const base = new Map<K, V>(entries);
    return new LayeredMap<K, V>(base, new Map(), base.size);
  }

  /** A new snapshot with `set` entries written and `deleted` keys removed; this one is unchanged. */
  with(set: Iterable<readonly [K, V]>, deleted: Iterable<K>): LayeredMap<K, V> {
    const layer: Layer<K, V> = new Map(this.#layer);
    let size = this.size;
    for (const [key, value] of set) {
      if (!this.#hasIn(layer, key)) size += 1;
      layer.set(key, value);
    }
    for (const key of deleted) {
      if (!this.#hasIn(layer, key)) continue;
      size -= 1;
      if (this.#base.has(key)) layer.set(key, DELETED);
      else layer.delete(key);
    }
    if (layer.size <= Math.max(MIN_LAYER_LIMIT, Math.sqrt(size))) return new LayeredMap(this.#base, layer, size);
    return new LayeredMap<K, V>(new LayeredMap(this.#base, layer, size).#all(), new Map(), size);
  }

  get(key: K): V | undefined {
    const layered = this.#layer.get(key);
    if (layered !== undefined) return layered === DELETED ? undefined : layered;
    if (this.#layer.has(key)) return undefined;
    return this.#base.get(key);
  }

  has(key: K): boolean {
    return this.#hasIn(this.#layer, key);
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this) callback.call(thisArg, value, key, this);
  }

  entries(): MapIterator<[K, V]> {
    return this.#all().entries();
  }

  keys(): MapIterator<K> {
    return this.#all().keys();
  }

  values(): MapIterator<V> {
    return this.#all().values();
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.#all().entries();
  }

  #hasIn(layer: Layer<K, V>, key: K): boolean {
    if (layer.has(key)) return layer.get(key) !== DELETED;
    return this.#base.has(key);
  }

  /** Every entry in one plain map, built on the first iteration of this snapshot. */
  #all(): ReadonlyMap<K, V> {
    if (this.#merged !== undefined) return this.#merged;
    const merged = new Map<K, V>();
    for (const [key, value] of this.#base) {
      const layered = this.#layer.has(key) ? this.#layer.get(key) : value;
      if (layered !== DELETED) merged.set(key, layered as V);
    }
    for (const [key, value] of this.#layer) if (value !== DELETED && !this.#base.has(key)) merged.set(key, value);
    this.#merged = merged;
    return merged;
  }
}
