/**
 * `useAudioPlayer`: plays a streamed audio block while it arrives.
 */
import { AudioPlayer, type AudioPlayerOptions, type PlayableMedia } from "@agent-stream/core";
import { computed, onScopeDispose, toValue, watch, type ComputedRef, type MaybeRefOrGetter } from "vue";
import { usePlayerHandle, type MediaPlayerHandle } from "./internal/player-handle";

/** Options of {@link useAudioPlayer}. */
export interface UseAudioPlayerOptions extends AudioPlayerOptions {
  /** Start playing as soon as a new block is loaded (browsers may block it without a gesture). */
  autoPlay?: boolean;
}

/** What {@link useAudioPlayer} returns. */
export interface AudioPlayerHandle extends MediaPlayerHandle {
  /** `"web-audio"` while WAV/PCM stream progressively, `"element"` for other formats. */
  readonly mode: ComputedRef<"web-audio" | "element" | undefined>;
}

/**
 * An audio player for `media` (a ref or getter, typically an entry of `useAudio`): WAV and raw PCM
 * play progressively while they stream, other formats once complete. Disposed with the effect
 * scope.
 *
 * @example
 * const clips = useAudio(stream);
 * const player = useAudioPlayer(() => clips.value.at(-1));
 * // <button @click="player.toggle()">{{ player.status.value }}</button>
 */
export function useAudioPlayer(
  media: MaybeRefOrGetter<PlayableMedia | undefined>,
  options: UseAudioPlayerOptions = {},
): AudioPlayerHandle {
  const { autoPlay = false, ...playerOptions } = options;
  const player = new AudioPlayer(playerOptions);
  onScopeDispose(() => player.dispose());
  const handle = usePlayerHandle(player);
  watch(
    () => toValue(media),
    (next, previous) => {
      player.setSource(next);
      if (autoPlay && next !== undefined && next.key !== previous?.key) void player.play();
    },
    { immediate: true, flush: "sync" },
  );
  return { ...handle, mode: computed(() => handle.snapshot.value.mode) };
}
