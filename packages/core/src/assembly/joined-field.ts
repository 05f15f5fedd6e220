/**
 * Reads the concatenation of a message's text (or reasoning) over the blocks that hold it in O(1)
 * per token: in-order appends need no bookkeeping; anything else marks it stale
 * and the next read rebuilds the prefix once.
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
  /** Message addresses built from an event's namespace (reused while it repeats). */
  addressBuilds: number;
}

/** Returns a zeroed counter object. */
export function createWorkCounters(): AssemblyWorkCounters {
  return { joinedFieldRebuilds: 0, blockViewBuilds: 0, toolCallScans: 0, baseMessageBuilds: 0, addressBuilds: 0 };
}

/** What a message joins: its text, and its reasoning. */
export type JoinableType = "text" | "reasoning";

/** Where a joinable block type keeps its string. */
export interface JoinedSource {
  readonly joined: JoinableType;
  readonly field: string;
}

const JOINED_SOURCES: ReadonlyMap<string, JoinedSource> = new Map<string, JoinedSource>([
  ["text", { joined: "text", field: "text" }],
  ["reasoning", { joined: "reasoning", field: "reasoning" }],
  // Anthropic-style provider-native reasoning: the server starts the block as it is and streams
  // `reasoning-delta`s into it, so its `thinking` text is the message's reasoning too.
  ["thinking", { joined: "reasoning", field: "thinking" }],
]);

/** The joined string a block type contributes to and the field holding it; undefined for other types. */
export function joinedSourceOf(type: string): JoinedSource | undefined {
  return JOINED_SOURCES.get(type);
}

/** The string a block in `slot` contributes to `joined`, or `""`. */
function fieldText(slots: readonly ({ block: ContentBlock } | undefined)[], slot: number, joined: JoinableType): string {
  const block = slot < 0 ? undefined : slots[slot]?.block;
  const source = block === undefined ? undefined : JOINED_SOURCES.get(block.type);
  const value = source?.joined === joined ? block![source.field] : undefined;
  return typeof value === "string" ? value : "";
}

/**
 * The joined `text` (or `reasoning`) of a message. While blocks only grow in order it keeps the
 * text of the blocks before the last one (`#prefix`) and reads the last block's own string, so a
 * token costs nothing here and the message holds one rope per block, not a second joined copy
 * (regression: a second per-token rope was kept for every message ever streamed).
 */
export class JoinedField {
  readonly #type: JoinableType;
  readonly #counters: AssemblyWorkCounters | undefined;
  /** Joined text of the blocks of this type before `#tailSlot`, while fresh. */
  #prefix = "";
  #fresh = true;
  /** Highest slot holding a block of this type, while fresh; -1 when none. */
  #tailSlot = -1;

  constructor(type: JoinableType, counters: AssemblyWorkCounters | undefined) {
    this.#type = type;
    this.#counters = counters;
  }

  /** A fragment was appended to the block in `slot`. */
  appended(slot: number): void {
    if (slot !== this.#tailSlot) this.#fresh = false;
  }

  /** A block of this type was created in the empty `slot`; `slots` holds the blocks before it. */
  created(slot: number, slots: readonly ({ block: ContentBlock } | undefined)[]): void {
    if (!this.#fresh || slot <= this.#tailSlot) {
      this.#fresh = false;
      return;
    }
    if (this.#tailSlot >= 0) this.#prefix += fieldText(slots, this.#tailSlot, this.#type);
    this.#tailSlot = slot;
  }

  /** Something changed that the fast paths cannot account for. */
  invalidate(): void {
    this.#fresh = false;
  }

  read(slots: readonly ({ block: ContentBlock } | undefined)[]): string {
    if (!this.#fresh) this.#rebuild(slots);
    const tail = fieldText(slots, this.#tailSlot, this.#type);
    return this.#prefix === "" ? tail : this.#prefix + tail;
  }

  #rebuild(slots: readonly ({ block: ContentBlock } | undefined)[]): void {
    if (this.#counters) this.#counters.joinedFieldRebuilds += 1;
    let prefix = "";
    let tailSlot = -1;
    for (let slot = 0; slot < slots.length; slot += 1) {
      const block = slots[slot]?.block;
      if (block === undefined || JOINED_SOURCES.get(block.type)?.joined !== this.#type) continue;
      if (tailSlot >= 0) prefix += fieldText(slots, tailSlot, this.#type);
      tailSlot = slot;
    }
    this.#prefix = prefix;
    this.#tailSlot = tailSlot;
    this.#fresh = true;
  }
}
