/**
 * The refs and methods shared by `useAudioPlayer` and `useVideoPlayer`.
 */
import type { MediaPlayerControls, MediaPlayerFields, MediaPlayerSnapshot, ReadableStore } from "@agent-stream/core";
import { computed, type ComputedRef } from "vue";
import { useStoreRef } from "./store-ref";

/**
 * A media player as refs. Every field follows the core player's store.
 *
 * @example
 * const player = useAudioPlayer(() => clips.value[0]);
 * // <button @click="player.toggle()">{{ player.status.value === "playing" ? "Pause" : "Play" }}</button>
 */
export type MediaPlayerHandle = {
  readonly [K in keyof MediaPlayerFields]: ComputedRef<MediaPlayerFields[K]>;
} & {
  /** The whole snapshot. */
  readonly snapshot: ComputedRef<MediaPlayerSnapshot>;
} & MediaPlayerControls;

interface PlayerLike extends MediaPlayerControls {
  readonly store: ReadableStore<MediaPlayerSnapshot>;
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
    toggle: () => player.toggle(),
  };
}
