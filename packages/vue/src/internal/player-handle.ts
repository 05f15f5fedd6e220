/**
 * The refs and methods shared by `useAudioPlayer` and `useVideoPlayer`.
 */
import type { MediaPlayerSnapshot, MediaPlayerStatus, ReadableStore } from "@agent-stream/core";
import { computed, type ComputedRef } from "vue";
import { useStoreRef } from "./store-ref";

/**
 * A media player as refs. Every field follows the core player's store.
 *
 * @example
 * const player = useAudioPlayer(() => clips.value[0]);
 * // <button @click="player.toggle()">{{ player.status.value === "playing" ? "Pause" : "Play" }}</button>
 */
export interface MediaPlayerHandle {
  readonly status: ComputedRef<MediaPlayerStatus>;
  /** Seconds played. */
  readonly currentTime: ComputedRef<number>;
  /** Seconds in total, once known. */
  readonly duration: ComputedRef<number | undefined>;
  /** Seconds received and ready to play. */
  readonly buffered: ComputedRef<number>;
  /** Why playback failed. */
  readonly error: ComputedRef<unknown>;
  /** The whole snapshot. */
  readonly snapshot: ComputedRef<MediaPlayerSnapshot>;
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
export function usePlayerHandle(player: PlayerLike): MediaPlayerHandle {
  const state = useStoreRef(() => player.store);
  const snapshot = computed(() => state.value);
  return {
    status: computed(() => state.value.status),
    currentTime: computed(() => state.value.currentTime),
    duration: computed(() => state.value.duration),
    buffered: computed(() => state.value.buffered),
    error: computed(() => state.value.error),
    snapshot,
    play: () => player.play(),
    pause: () => player.pause(),
    stop: () => player.stop(),
    toggle: async () => {
      if (state.value.status === "playing" || state.value.status === "buffering") player.pause();
      else await player.play();
    },
  };
}
