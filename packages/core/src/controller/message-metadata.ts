/**
 * Per-message metadata: the checkpoint to fork from, and the optimistic status of user input.
 */
import { StreamStore } from "../store/stream-store";
import type { MessageMetadata, MessageMetadataMap, OptimisticStatus } from "./types";

const EMPTY_METADATA: MessageMetadataMap = new Map();

/**
 * Writes `messageMetadataStore`. A message's `parentCheckpointId` is recorded the first time the
 * message appears in a values snapshot and never overwritten, so forking from it redoes that turn.
 * Entries of messages that left the conversation are pruned, keeping the map bounded.
 *
 * @example
 * tracker.recordFirstSeen(valueIds, checkpoint.parent_id);
 */
export class MessageMetadataTracker {
  readonly store: StreamStore<MessageMetadataMap>;

  constructor(store?: StreamStore<MessageMetadataMap>) {
    this.store = store ?? new StreamStore<MessageMetadataMap>(EMPTY_METADATA);
  }

  /** Records `parentCheckpointId` for ids seen for the first time; resolves pending optimistic ids. */
  recordFirstSeen(ids: Iterable<string>, parentCheckpointId: string | undefined): void {
    const current = this.store.getSnapshot();
    let next: Map<string, MessageMetadata> | undefined;
    for (const id of ids) {
      const entry = current.get(id);
      if (entry === undefined) {
        next ??= new Map(current);
        next.set(id, { parentCheckpointId });
      } else if (entry.optimisticStatus === "pending" || entry.optimisticStatus === "failed") {
        next ??= new Map(current);
        next.set(id, { parentCheckpointId: entry.parentCheckpointId ?? parentCheckpointId, optimisticStatus: "sent" });
      }
    }
    if (next !== undefined) this.store.setValue(next);
  }

  /** Sets the optimistic status of `ids` (`sent`/`failed` only touch ids that are `pending`). */
  setOptimisticStatus(ids: readonly string[], status: OptimisticStatus): void {
    const current = this.store.getSnapshot();
    let next: Map<string, MessageMetadata> | undefined;
    for (const id of ids) {
      const entry = current.get(id);
      if (status !== "pending" && entry?.optimisticStatus !== "pending") continue;
      if (entry?.optimisticStatus === status) continue;
      next ??= new Map(current);
      next.set(id, { parentCheckpointId: entry?.parentCheckpointId, optimisticStatus: status });
    }
    if (next !== undefined) this.store.setValue(next);
  }

  /**
   * Fills in `parentCheckpointId` of messages loaded from stored state, once the thread's history
   * told where each was first seen. Entries that already have one are left alone.
   */
  assignParents(parents: ReadonlyMap<string, string>): void {
    const current = this.store.getSnapshot();
    let next: Map<string, MessageMetadata> | undefined;
    for (const [id, parentCheckpointId] of parents) {
      const entry = current.get(id);
      if (entry === undefined || entry.parentCheckpointId !== undefined) continue;
      next ??= new Map(current);
      next.set(id, { ...entry, parentCheckpointId });
    }
    if (next !== undefined) this.store.setValue(next);
  }

  /** Ids still waiting for the server's echo. */
  pendingIds(ids: readonly string[]): string[] {
    const current = this.store.getSnapshot();
    return ids.filter((id) => current.get(id)?.optimisticStatus === "pending");
  }

  /** Drops entries of messages that left the conversation (`isKept(id)` false). */
  prune(isKept: (id: string) => boolean): void {
    const current = this.store.getSnapshot();
    let next: Map<string, MessageMetadata> | undefined;
    for (const [id, entry] of current) {
      if (isKept(id) || entry.optimisticStatus === "pending" || entry.optimisticStatus === "failed") continue;
      next ??= new Map(current);
      next.delete(id);
    }
    if (next !== undefined) this.store.setValue(next);
  }

  /** Forgets everything (thread switch). */
  reset(): void {
    this.store.setValue(EMPTY_METADATA);
  }
}
