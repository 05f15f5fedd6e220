/**
 * Keeps the concatenation of one string field (`text` or `reasoning`) over the blocks of
 * one type, so reading it per token is O(1): in-order appends extend the cached string;
 * anything else marks it stale and the next read rebuilds it once.
 */
import type { ContentBlock } from "../protocol/types";

/** Counters of non-constant work, for tests that prove per-token cost stays flat. */
export interface AssemblyWorkCounters {
  /** Full rebuilds of a joined `text`/`reasoning` string. */
  joinedFieldRebuilds: number;
  /** Rebuilds of a message's `blocks` view. */
  blockViewBuilds: number;
  /** Scans of the blocks for tool calls. */
  toolCallScans: number;
  /** `BaseMessage` constructions. */
  baseMessageBuilds: number;
}

/** Returns a zeroed counter object. */
export function createWorkCounters(): AssemblyWorkCounters {
  return { joinedFieldRebuilds: 0, blockViewBuilds: 0, toolCallScans: 0, baseMessageBuilds: 0 };
}

/** The block field joined for each joinable block type. */
export type JoinableType = "text" | "reasoning";

export class JoinedField {
  readonly #type: JoinableType;
  readonly #counters: AssemblyWorkCounters | undefined;
  #joined = "";
  #fresh = true;
  /** Highest slot holding a block of this type, while fresh. */
  #tailSlot = -1;

  constructor(type: JoinableType, counters: AssemblyWorkCounters | undefined) {
    this.#type = type;
    this.#counters = counters;
  }

  /** A fragment was appended to the block in `slot`. */
  appended(slot: number, fragment: string): void {
    if (this.#fresh && slot === this.#tailSlot) this.#joined += fragment;
    else this.#fresh = false;
  }

  /** A block of this type was created in the empty `slot` with `initial` content. */
  created(slot: number, initial: string): void {
    if (this.#fresh && slot > this.#tailSlot) {
      this.#joined += initial;
      this.#tailSlot = slot;
    } else this.#fresh = false;
  }

  /** Something changed that the fast paths cannot account for. */
  invalidate(): void {
    this.#fresh = false;
  }

  read(slots: readonly ({ block: ContentBlock } | undefined)[]): string {
    if (this.#fresh) return this.#joined;
    if (this.#counters) this.#counters.joinedFieldRebuilds += 1;
    let joined = "";
    let tailSlot = -1;
    for (let slot = 0; slot < slots.length; slot += 1) {
      const block = slots[slot]?.block;
      if (block?.type !== this.#type) continue;
      const value = block[this.#type];
      if (typeof value === "string") joined += value;
      tailSlot = slot;
    }
    this.#joined = joined;
    this.#tailSlot = tailSlot;
    this.#fresh = true;
    return joined;
  }
}
