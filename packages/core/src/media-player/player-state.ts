/**
 * A player's store: snapshots replaced only when a field changed.
 */
import { StreamStore } from "../store/stream-store";
import { IDLE_SNAPSHOT, type MediaPlayerSnapshot } from "./types";

/**
 * Holds a player's snapshot.
 *
 * @example
 * const state = new PlayerState();
 * state.patch({ status: "playing" });
 */
export class PlayerState {
  readonly store = new StreamStore<MediaPlayerSnapshot>(IDLE_SNAPSHOT);

  get snapshot(): MediaPlayerSnapshot {
    return this.store.getSnapshot();
  }

  /** Applies `changes`; publishes a new snapshot only when one of them differs. */
  patch(changes: Partial<MediaPlayerSnapshot>): void {
    const current = this.store.getSnapshot();
    const keys = Object.keys(changes) as (keyof MediaPlayerSnapshot)[];
    if (keys.every((key) => Object.is(current[key], changes[key]))) return;
    this.store.setValue(Object.freeze({ ...current, ...changes }));
  }

  /** Back to idle with nothing loaded. */
  reset(): void {
    this.store.setValue(IDLE_SNAPSHOT);
  }
}
