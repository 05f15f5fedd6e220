/**
 * Per-message metadata: the checkpoint to fork from, and the optimistic status of user input.
 */
import { StreamStore } from "../store/stream-store";
import { LayeredMap } from "./layered-map";
import type { MessageMetadata, MessageMetadataMap, OptimisticStatus } from "./types";

const EMPTY_METADATA: MessageMetadataMap = LayeredMap.empty();

function isUnconfirmed(entry: MessageMetadata): boolean {
  return entry.optimisticStatus === "pending" || entry.optimisticStatus === "failed";
}

/** Pending writes of one update: entries to set and ids to delete. */
class MetadataEdit {
  readonly set = new Map<string, MessageMetadata>();
  readonly deleted = new Set<string>();

  constructor(readonly current: MessageMetadataMap) {}

  get(id: string): MessageMetadata | undefined {
    if (this.deleted.has(id)) return undefined;
    return this.set.get(id) ?? this.current.get(id);
  }

  write(id: string, entry: MessageMetadata): void {
    this.deleted.delete(id);
    this.set.set(id, entry);
  }

  delete(id: string): void {
    this.set.delete(id);
    this.deleted.add(id);
  }

  get empty(): boolean {
    return this.set.size === 0 && this.deleted.size === 0;
  }
}

/**
 * Writes `messageMetadataStore`. A message's `parentCheckpointId` is recorded the first time the
 * message appears in a values snapshot and never overwritten, so forking from it redoes that turn.
 * Entries of messages that left the conversation are pruned, keeping the map bounded. Snapshots
 * share their bulk ({@link LayeredMap}), so a values event that adds one message costs O(1)-ish,
 * not a copy of every entry.
 *
 * @example
 * tracker.applyValuesChange({ added, removed }, valueIds, checkpoint.parent_id);
 */
export class MessageMetadataTracker {
  readonly store: StreamStore<MessageMetadataMap>;
  /** Ids of pending or failed input in `#trackedSnapshot`. */
  readonly #unconfirmed = new Set<string>();
  #trackedSnapshot: MessageMetadataMap | undefined;

  constructor(store?: StreamStore<MessageMetadataMap>) {
    this.store = store ?? new StreamStore<MessageMetadataMap>(EMPTY_METADATA);
  }

  /** Records `parentCheckpointId` for ids seen for the first time; resolves pending optimistic ids. */
  recordFirstSeen(ids: Iterable<string>, parentCheckpointId: string | undefined): void {
    const edit = new MetadataEdit(this.store.getSnapshot());
    for (const id of ids) this.#recordOne(edit, id, parentCheckpointId);
    this.#commit(edit);
  }

  /**
   * Applies what one values list changed: `added` ids are recorded as first seen at
   * `parentCheckpointId`, pending input listed in `valueIds` turns sent, and `removed` ids are
   * dropped unless they are unconfirmed input. Costs O(changes + unconfirmed input), not O(list).
   */
  applyValuesChange(
    change: { readonly added: readonly string[]; readonly removed: readonly string[] },
    valueIds: ReadonlySet<string>,
    parentCheckpointId: string | undefined,
  ): void {
    const edit = new MetadataEdit(this.store.getSnapshot());
    for (const id of change.added) this.#recordOne(edit, id, parentCheckpointId);
    // Input echoed under an id the list already held is confirmed too.
    // `#unconfirmed` changes only in `#commit`, so it can be walked while the edit is built.
    for (const id of this.#syncUnconfirmed(edit.current)) {
      if (valueIds.has(id)) this.#recordOne(edit, id, parentCheckpointId);
    }
    for (const id of change.removed) {
      const entry = edit.get(id);
      if (entry !== undefined && !isUnconfirmed(entry)) edit.delete(id);
    }
    this.#commit(edit);
  }

  /** Sets the optimistic status of `ids` (`sent`/`failed` only touch ids that are `pending`). */
  setOptimisticStatus(ids: readonly string[], status: OptimisticStatus): void {
    const edit = new MetadataEdit(this.store.getSnapshot());
    for (const id of ids) {
      const entry = edit.get(id);
      if (status !== "pending" && entry?.optimisticStatus !== "pending") continue;
      if (entry?.optimisticStatus === status) continue;
      edit.write(id, { parentCheckpointId: entry?.parentCheckpointId, optimisticStatus: status });
    }
    this.#commit(edit);
  }

  /**
   * Fills in `parentCheckpointId` of messages loaded from stored state, once the thread's history
   * told where each was first seen. Entries that already have one are left alone.
   */
  assignParents(parents: ReadonlyMap<string, string>): void {
    const edit = new MetadataEdit(this.store.getSnapshot());
    for (const [id, parentCheckpointId] of parents) {
      const entry = edit.get(id);
      if (entry === undefined || entry.parentCheckpointId !== undefined) continue;
      edit.write(id, { ...entry, parentCheckpointId });
    }
    this.#commit(edit);
  }

  /** Ids still waiting for the server's echo. */
  pendingIds(ids: readonly string[]): string[] {
    const current = this.store.getSnapshot();
    return ids.filter((id) => current.get(id)?.optimisticStatus === "pending");
  }

  /** Drops entries of messages that left the conversation (`isKept(id)` false); walks every entry. */
  prune(isKept: (id: string) => boolean): void {
    const edit = new MetadataEdit(this.store.getSnapshot());
    for (const [id, entry] of edit.current) {
      if (!isKept(id) && !isUnconfirmed(entry)) edit.delete(id);
    }
    this.#commit(edit);
  }

  /** Forgets the entries of `ids` (messages that left the conversation, confirmed or not). */
  forget(ids: ReadonlySet<string>): void {
    if (ids.size === 0) return;
    const edit = new MetadataEdit(this.store.getSnapshot());
    for (const id of ids) if (edit.get(id) !== undefined) edit.delete(id);
    this.#commit(edit);
  }

  /** Forgets everything (thread switch). */
  reset(): void {
    this.store.setValue(EMPTY_METADATA);
  }

  /** First sight of `id`: a new entry, or pending/failed input confirmed as sent. */
  #recordOne(edit: MetadataEdit, id: string, parentCheckpointId: string | undefined): void {
    const entry = edit.get(id);
    if (entry === undefined) edit.write(id, { parentCheckpointId });
    else if (isUnconfirmed(entry)) {
      edit.write(id, { parentCheckpointId: entry.parentCheckpointId ?? parentCheckpointId, optimisticStatus: "sent" });
    }
  }

  #commit(edit: MetadataEdit): void {
    if (edit.empty) return;
    this.#syncUnconfirmed(edit.current);
    const current = edit.current;
    const layered = current instanceof LayeredMap ? current : LayeredMap.from(current);
    const next = layered.with(edit.set, edit.deleted);
    for (const id of edit.deleted) this.#unconfirmed.delete(id);
    for (const [id, entry] of edit.set) {
      if (isUnconfirmed(entry)) this.#unconfirmed.add(id);
      else this.#unconfirmed.delete(id);
    }
    this.#trackedSnapshot = next;
    this.store.setValue(next);
  }

  /** Ids of pending or failed input in `snapshot` (rescanned only if someone else wrote the store). */
  #syncUnconfirmed(snapshot: MessageMetadataMap): ReadonlySet<string> {
    if (snapshot !== this.#trackedSnapshot) {
      this.#unconfirmed.clear();
      for (const [id, entry] of snapshot) if (isUnconfirmed(entry)) this.#unconfirmed.add(id);
      this.#trackedSnapshot = snapshot;
    }
    return this.#unconfirmed;
  }
}
