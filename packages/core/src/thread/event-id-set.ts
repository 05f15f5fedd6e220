/**
 * The set of event ids a thread has seen, kept small: servers number events with a per-thread
 * sequence (`event_id` = `String(seq)`), so canonical integer ids live in a bitmap (one bit per
 * id, 12.5 KB for 100,000 events) and only other ids fall back to a string set.
 */
export class EventIdSet {
  #bits = new Uint32Array(1024);
  readonly #others = new Set<string>();
  #size = 0;

  get size(): number {
    return this.#size;
  }

  has(id: string): boolean {
    const numeric = toIndex(id);
    if (numeric === undefined) return this.#others.has(id);
    const word = numeric >>> 5;
    return word < this.#bits.length && (this.#bits[word]! & (1 << (numeric & 31))) !== 0;
  }

  /** Adds `id`; returns false when it was already present. */
  add(id: string): boolean {
    const numeric = toIndex(id);
    if (numeric === undefined) {
      if (this.#others.has(id)) return false;
      this.#others.add(id);
      this.#size += 1;
      return true;
    }
    const word = numeric >>> 5;
    if (word >= this.#bits.length) {
      const grown = new Uint32Array(Math.max(word + 1, this.#bits.length * 2));
      grown.set(this.#bits);
      this.#bits = grown;
    }
    const mask = 1 << (numeric & 31);
    if ((this.#bits[word]! & mask) !== 0) return false;
    this.#bits[word] = this.#bits[word]! | mask;
    this.#size += 1;
    return true;
  }

  clear(): void {
    this.#bits = new Uint32Array(1024);
    this.#others.clear();
    this.#size = 0;
  }
}

/** Largest id kept in the bitmap (128 MiB of bits); beyond it ids go to the string set. */
const MAX_BITMAP_ID = 2 ** 30;

function toIndex(id: string): number | undefined {
  const length = id.length;
  if (length === 0 || length > 10) return undefined;
  // Canonical form only ("7", not "07"), so that distinct strings never share a bit.
  if (length > 1 && id.charCodeAt(0) === 48) return undefined;
  let value = 0;
  for (let index = 0; index < length; index += 1) {
    const digit = id.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return value <= MAX_BITMAP_ID ? value : undefined;
}
