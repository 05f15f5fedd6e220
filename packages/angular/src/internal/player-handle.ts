/**
 * The signals and methods shared by `injectAudioPlayer` and `injectVideoPlayer`.
 */
import type { MediaPlayerSnapshot, MediaPlayerStatus, ReadableStore } from "@agent-stream/core";
import { computed, untracked, type Signal } from "@angular/core";
import type { BindingContext } from "./binding-context";
import { storeSignal } from "./store-signal";

/**
 * A media player as signals. Every field follows the core player's store.
 *
 * @example
 * readonly player = injectAudioPlayer(() => this.clips()[0]);
 * // <button (click)="player.toggle()">{{ player.status() === "playing" ? "Pause" : "Play" }}</button>
 */
export interface MediaPlayerHandle {
  readonly status: Signal<MediaPlayerStatus>;
  /** Seconds played. */
  readonly currentTime: Signal<number>;
  /** Seconds in total, once known. */
  readonly duration: Signal<number | undefined>;
  /** Seconds received and ready to play. */
  readonly buffered: Signal<number>;
  /** Why playback failed. */
  readonly error: Signal<unknown>;
  /** The whole snapshot. */
  readonly snapshot: Signal<MediaPlayerSnapshot>;
  /** Starts or resumes (call it from a user gesture in browsers). */
  play(): Promise<void>;
  pause(): void;
  /** Stops and rewinds. */
  stop(): void;
  /** Pauses while playing, plays otherwise. */
  toggle(): Promise<void>;
}

interface PlayerLike {
  readonly store: ReadableStore<MediaPlayerSnapshot>;
  play(): Promise<void>;
  pause(): void;
  stop(): void;
}

/** Wraps a core player (its store and methods) as a {@link MediaPlayerHandle}. */
export function playerHandle(player: PlayerLike, context: BindingContext): MediaPlayerHandle {
  const snapshot = storeSignal(() => player.store, context);
  return {
    status: computed(() => snapshot().status),
    currentTime: computed(() => snapshot().currentTime),
    duration: computed(() => snapshot().duration),
    buffered: computed(() => snapshot().buffered),
    error: computed(() => snapshot().error),
    snapshot,
    play: () => player.play(),
    pause: () => player.pause(),
    stop: () => player.stop(),
    toggle: async () => {
      const status = untracked(snapshot).status;
      if (status === "playing" || status === "buffering") player.pause();
      else await player.play();
    },
  };
}
