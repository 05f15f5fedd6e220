/**
 * One message being assembled: content-block slots plus the derived, per-version cached
 * views (`blocks`, `text`, `reasoning`, `toolCalls`, `toBaseMessage()`).
 */
import type { BaseMessage } from "@langchain/core/messages";
import type { ContentBlock, MessageRole, Namespace, UsageInfo } from "../protocol/types";
import { blockFamily, isMediaKind, isToolCallBlockType, toToolCallRequest } from "./content-blocks";
import { JoinedField, joinedSourceOf, type AssemblyWorkCounters, type JoinableType } from "./joined-field";
import { buildBaseMessage } from "./to-base-message";
import type {
  AssembledMessage,
  AssemblyErrorInfo,
  AssemblyStatus,
  ToolCallRequest,
} from "./types";

/** A block in its slot, with whether its `content-block-finish` arrived. */
export interface BlockSlot {
  block: ContentBlock;
  finished: boolean;
}

/** What `message-start` says about a message. */
export interface MessageIdentity {
  id: string | undefined;
  namespace: Namespace;
  node: string | undefined;
  role: MessageRole | (string & {});
  toolCallId: string | undefined;
  metadata: Record<string, unknown> | undefined;
  usage: UsageInfo | undefined;
}

/** Tool-call chunk fields a later chunk must not erase with `null`. */
const STICKY_KEYS: ReadonlySet<string> = new Set(["id", "name"]);

/** Block fields that fragments are appended to. */
const APPENDED_KEYS = ["text", "reasoning", "thinking", "args", "data"] as const;

/**
 * Makes V8 store `text` as one flat string in place, releasing the nodes a chain of `+=` built.
 * Converting a string to a number flattens it first; the number itself is not needed.
 */
function flattenString(text: string): void {
  Number(text);
}

function isJoinable(type: string): boolean {
  return joinedSourceOf(type) !== undefined;
}

/** Copies `fields` onto `target`, except `null`/absent id and name over a known one. */
function assignKeepingIdentity(target: ContentBlock, fields: Record<string, unknown>): void {
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (value == null && STICKY_KEYS.has(key) && target[key] != null) continue;
    target[key] = value;
  }
}

export class MessageState implements AssembledMessage {
  readonly id: string | undefined;
  readonly namespace: Namespace;
  readonly node: string | undefined;
  readonly role: MessageRole | (string & {});
  readonly toolCallId: string | undefined;
  readonly metadata: Record<string, unknown> | undefined;
  usage: UsageInfo | undefined;
  finishReason: string | undefined;
  responseMetadata: Record<string, unknown> | undefined;
  error: AssemblyErrorInfo | undefined;
  status: AssemblyStatus = "streaming";
  version = 0;

  readonly #slots: (BlockSlot | undefined)[] = [];
  /** `"<protocol index>:<family>"` → slot, for blocks moved off an index of another family. */
  readonly #aliases = new Map<string, number>();
  /** Protocol index → the slot it last addressed, for deltas that carry no block type. */
  readonly #latestSlotByIndex = new Map<number, number>();
  readonly #text: JoinedField;
  readonly #reasoning: JoinedField;
  readonly #counters: AssemblyWorkCounters | undefined;
  #view: ContentBlock[] | undefined;
  #entries: BlockSlot[] | undefined;
  #toolCalls: readonly ToolCallRequest[] | undefined;
  #toolCallsVersion = -1;
  #baseMessage: BaseMessage | undefined;
  #baseMessageVersion = -1;

  constructor(identity: MessageIdentity, counters?: AssemblyWorkCounters) {
    this.id = identity.id;
    this.namespace = identity.namespace;
    this.node = identity.node;
    this.role = identity.role;
    this.toolCallId = identity.toolCallId;
    this.metadata = identity.metadata;
    this.usage = identity.usage;
    this.#counters = counters;
    this.#text = new JoinedField("text", counters);
    this.#reasoning = new JoinedField("reasoning", counters);
  }

  get blocks(): readonly ContentBlock[] {
    if (this.#view === undefined) this.#rebuildView();
    return this.#view ?? [];
  }

  /** Occupied slots in order, with their finished flags. */
  get entries(): readonly BlockSlot[] {
    if (this.#entries === undefined) this.#rebuildView();
    return this.#entries ?? [];
  }

  get text(): string {
    return this.#text.read(this.#slots);
  }

  get reasoning(): string {
    return this.#reasoning.read(this.#slots);
  }

  get toolCalls(): readonly ToolCallRequest[] {
    if (this.#toolCalls === undefined || this.#toolCallsVersion !== this.version) {
      if (this.#counters) this.#counters.toolCallScans += 1;
      const calls: ToolCallRequest[] = [];
      for (const block of this.blocks) {
        if (isToolCallBlockType(block.type)) calls.push(toToolCallRequest(block));
      }
      this.#toolCalls = calls;
      this.#toolCallsVersion = this.version;
    }
    return this.#toolCalls;
  }

  toBaseMessage(): BaseMessage {
    if (this.#baseMessage === undefined || this.#baseMessageVersion !== this.version) {
      if (this.#counters) this.#counters.baseMessageBuilds += 1;
      this.#baseMessage = buildBaseMessage(this);
      this.#baseMessageVersion = this.version;
    }
    return this.#baseMessage;
  }

  // ---- mutations (called by MessageAssembler) ---------------------------------

  /** `content-block-start`: the slot starts over with the given block. */
  startBlock(index: number, content: ContentBlock): void {
    this.#place(index, this.#resolveSlot(index, content.type), { ...content }, false);
  }

  /** `text-delta` / `reasoning-delta`: append to the slot's text, creating the block if needed. */
  appendText(index: number, type: JoinableType, fragment: string): void {
    const slot = this.#resolveSlot(index, type);
    const existing = this.#slots[slot];
    if (existing === undefined) {
      this.#place(index, slot, { type, [type]: fragment }, false);
      return;
    }
    const block = existing.block;
    // Per token the block has the delta's own type; a provider-native block keeps its own field.
    const field = block.type === type ? type : (joinedSourceOf(block.type)?.field ?? type);
    const current = block[field];
    block[field] = (typeof current === "string" ? current : "") + fragment;
    this.#joined(type).appended(slot);
    this.#touch();
  }

  /** `data-delta`: append base64 text to the slot's `data`. */
  appendData(index: number, data: string, encoding: string | undefined): void {
    const slot = this.#latestSlotByIndex.get(index) ?? index;
    const existing = this.#slots[slot];
    if (existing === undefined) {
      // No start seen: the media type is unknown, `file` is the generic media block.
      const block: ContentBlock = { type: "file", data };
      if (encoding !== undefined) block.encoding = encoding;
      this.#place(index, slot, block, false);
      return;
    }
    const current = existing.block.data;
    existing.block.data = (typeof current === "string" ? current : "") + data;
    if (encoding !== undefined) existing.block.encoding = encoding;
    this.#touch();
  }

  /**
   * `block-delta`: shallow merge with replace semantics (tool-call args are snapshots),
   * except media `data`, which is appended.
   */
  mergeFields(index: number, fields: Record<string, unknown>): void {
    const type = typeof fields.type === "string" ? fields.type : undefined;
    const slot =
      type === undefined
        ? (this.#latestSlotByIndex.get(index) ?? index)
        : this.#resolveSlot(index, type);
    const existing = this.#slots[slot];
    if (existing === undefined) {
      const block = type === undefined ? { type: "non_standard", value: { ...fields } } : { ...fields, type };
      this.#place(index, slot, block, false);
      return;
    }
    const typeBefore = existing.block.type;
    const previousData = existing.block.data;
    assignKeepingIdentity(existing.block, fields);
    // Media bytes stream as fragments (as the media assembler reads them), not snapshots.
    if (isMediaKind(existing.block.type) && typeof previousData === "string" && typeof fields.data === "string") {
      existing.block.data = previousData + fields.data;
    }
    if (isJoinable(typeBefore) || isJoinable(existing.block.type)) this.#invalidateJoined();
    this.#touch();
  }

  /** `tool-call-delta`: append an argument fragment to the slot's tool-call chunk. */
  appendToolArgs(index: number, fragment: string): void {
    const slot = this.#latestSlotByIndex.get(index) ?? index;
    const existing = this.#slots[slot];
    if (existing === undefined) {
      this.#place(index, slot, { type: "tool_call_chunk", id: null, name: null, args: fragment }, false);
      return;
    }
    const current = existing.block.args;
    existing.block.args = (typeof current === "string" ? current : "") + fragment;
    this.#touch();
  }

  /** Legacy delta carrying a partial block instead of a typed delta. */
  mergeLegacy(index: number, content: ContentBlock): void {
    const slot = this.#resolveSlot(index, content.type);
    const existing = this.#slots[slot];
    if (existing === undefined) {
      this.#place(index, slot, { ...content }, false);
      return;
    }
    if (existing.block.type !== content.type) {
      this.#replace(index, slot, existing.block, { ...content }, false);
      return;
    }
    const joinedSource = joinedSourceOf(content.type);
    if (joinedSource !== undefined) {
      const fragment = content[joinedSource.field];
      this.appendText(index, joinedSource.joined, typeof fragment === "string" ? fragment : "");
      return;
    }
    const appendsArgs = content.type === "tool_call_chunk" || content.type === "server_tool_call_chunk";
    const previousArgs = existing.block.args;
    assignKeepingIdentity(existing.block, content);
    if (appendsArgs && typeof previousArgs === "string" && typeof content.args === "string") {
      existing.block.args = previousArgs + content.args;
    } else if (appendsArgs && content.args == null) existing.block.args = previousArgs;
    this.#touch();
  }

  /** `content-block-finish`: the final block replaces the slot (keeping a known id/name). */
  finishBlock(index: number, content: ContentBlock): void {
    const slot = this.#resolveSlot(index, content.type);
    const existing = this.#slots[slot];
    const final: ContentBlock = { ...content };
    if (existing === undefined) {
      this.#place(index, slot, final, true);
      return;
    }
    for (const key of STICKY_KEYS) {
      if (final[key] == null && existing.block[key] != null) final[key] = existing.block[key];
    }
    this.#replace(index, slot, existing.block, final, true);
  }

  setUsage(usage: UsageInfo): void {
    this.usage = usage;
    this.#touch();
  }

  complete(
    reason: string | undefined,
    usage: UsageInfo | undefined,
    metadata: Record<string, unknown> | undefined,
  ): void {
    if (reason !== undefined) this.finishReason = reason;
    if (usage !== undefined) this.usage = usage;
    if (metadata !== undefined) this.responseMetadata = metadata;
    this.status = "complete";
    this.#flattenFragments();
    this.#touch();
  }

  fail(error: AssemblyErrorInfo): void {
    this.error = error;
    this.status = "error";
    this.#flattenFragments();
    this.#touch();
  }

  // ---- internals ----------------------------------------------------------------

  #touch(): void {
    this.version += 1;
  }

  /**
   * Fields grown by `+=` per fragment are ropes (a node per fragment); once the message is over
   * they are made flat so a finished message costs its text, not a node per token.
   */
  #flattenFragments(): void {
    for (const entry of this.#slots) {
      if (entry === undefined) continue;
      for (const key of APPENDED_KEYS) {
        const value = entry.block[key];
        if (typeof value === "string") flattenString(value);
      }
    }
  }

  #joined(type: JoinableType): JoinedField {
    return type === "text" ? this.#text : this.#reasoning;
  }

  #invalidateJoined(): void {
    this.#text.invalidate();
    this.#reasoning.invalidate();
  }

  /**
   * The slot a block of `type` at protocol `index` lives in. A block whose family differs
   * from the one already at `index` (reasoning, then text, on index 0) gets a new slot.
   */
  #resolveSlot(index: number, type: string): number {
    const existing = this.#slots[index];
    // Per token the block at `index` has the delta's own type: same type, same family.
    if (existing === undefined || existing.block.type === type) return index;
    const family = blockFamily(type);
    if (blockFamily(existing.block.type) === family) return index;
    const aliasKey = `${index}:${family}`;
    const aliased = this.#aliases.get(aliasKey);
    if (aliased !== undefined) return aliased;
    const slot = this.#slots.length;
    this.#aliases.set(aliasKey, slot);
    return slot;
  }

  /** Puts a block into a slot, replacing the block already there if any. */
  #place(index: number, slot: number, block: ContentBlock, finished: boolean): void {
    const previous = this.#slots[slot];
    if (previous !== undefined) {
      this.#replace(index, slot, previous.block, block, finished);
      return;
    }
    this.#slots[slot] = { block, finished };
    this.#latestSlotByIndex.set(index, slot);
    const joinedSource = joinedSourceOf(block.type);
    if (joinedSource !== undefined) this.#joined(joinedSource.joined).created(slot, this.#slots);
    this.#structureChanged();
  }

  /** Replaces the block in an occupied slot. */
  #replace(
    index: number,
    slot: number,
    previous: ContentBlock,
    block: ContentBlock,
    finished: boolean,
  ): void {
    this.#slots[slot] = { block, finished };
    this.#latestSlotByIndex.set(index, slot);
    const sourceBefore = joinedSourceOf(previous.type);
    const joinableBefore = sourceBefore !== undefined;
    const unchangedJoined =
      joinableBefore && previous.type === block.type && previous[sourceBefore.field] === block[sourceBefore.field];
    if (!unchangedJoined && (joinableBefore || isJoinable(block.type))) this.#invalidateJoined();
    this.#structureChanged();
  }

  #structureChanged(): void {
    this.#view = undefined;
    this.#entries = undefined;
    this.#touch();
  }

  #rebuildView(): void {
    if (this.#counters) this.#counters.blockViewBuilds += 1;
    const entries: BlockSlot[] = [];
    for (const entry of this.#slots) if (entry !== undefined) entries.push(entry);
    this.#entries = entries;
    this.#view = entries.map((entry) => entry.block);
  }
}
