/**
 * A copy-on-write map for discovery stores: one copy per batch of changes, none when nothing changed.
 */

/**
 * Holds the published map and a draft that is created on the first write of a batch.
 *
 * @example
 * const map = new SnapshotMap<Card>();
 * map.set("a", card);
 * const next = map.commit(); // a new Map, or undefined when nothing was written
 */
export class SnapshotMap<TValue> {
  #published: ReadonlyMap<string, TValue> = new Map();
  #draft: Map<string, TValue> | undefined;

  /** The map as of the last commit. */
  get published(): ReadonlyMap<string, TValue> {
    return this.#published;
  }

  get(key: string): TValue | undefined {
    return (this.#draft ?? this.#published).get(key);
  }

  has(key: string): boolean {
    return (this.#draft ?? this.#published).has(key);
  }

  values(): IterableIterator<TValue> {
    return (this.#draft ?? this.#published).values();
  }

  /** Writes `value` (the caller only writes when it changed). */
  set(key: string, value: TValue): void {
    this.#draft ??= new Map(this.#published);
    this.#draft.set(key, value);
  }

  /** Publishes the draft; `undefined` when nothing was written since the last commit. */
  commit(): ReadonlyMap<string, TValue> | undefined {
    const draft = this.#draft;
    if (draft === undefined) return undefined;
    this.#draft = undefined;
    this.#published = draft;
    return draft;
  }

  /** Empties the map; returns the empty map to publish, or `undefined` when it was already empty. */
  clear(): ReadonlyMap<string, TValue> | undefined {
    this.#draft = undefined;
    if (this.#published.size === 0) return undefined;
    this.#published = new Map();
    return this.#published;
  }
}
