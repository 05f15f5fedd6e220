/**
 * `useVideoPlayer`: plays a streamed video block in a `<video>` element.
 */
import { VideoPlayer, type MediaElementLike, type PlayableMedia } from "@agent-stream/core";
import { onScopeDispose, toValue, watch, type MaybeRefOrGetter } from "vue";
import { usePlayerHandle, type MediaPlayerHandle } from "./internal/player-handle";

/** Options of {@link useVideoPlayer}. */
export interface UseVideoPlayerOptions {
  /** Start playing once a new block is complete and loaded. */
  autoPlay?: boolean;
}

/** What {@link useVideoPlayer} returns. */
export type VideoPlayerHandle = MediaPlayerHandle;

/**
 * Plays `media` (a ref or getter, typically an entry of `useVideo`) in `element` (a template ref)
 * once the block is complete. Follows both; disposed with the effect scope.
 *
 * @example
 * const videoElement = ref<HTMLVideoElement>();
 * const videos = useVideo(stream);
 * const player = useVideoPlayer(videoElement, () => videos.value[0]);
 * // <video ref="videoElement" /> <button @click="player.toggle()">Play</button>
 */
export function useVideoPlayer(
  element: MaybeRefOrGetter<MediaElementLike | null | undefined>,
  media: MaybeRefOrGetter<PlayableMedia | undefined>,
  options: UseVideoPlayerOptions = {},
): VideoPlayerHandle {
  const player = new VideoPlayer();
  onScopeDispose(() => player.dispose());
  watch(
    () => toValue(element) ?? undefined,
    (current, _previous, onCleanup) => {
      if (current !== undefined) onCleanup(player.attach(current));
    },
    { immediate: true, flush: "sync" },
  );
  watch(
    () => toValue(media),
    (next, previous) => {
      player.setSource(next);
      if (options.autoPlay === true && next !== undefined && next.key !== previous?.key) void player.play();
    },
    { immediate: true, flush: "sync" },
  );
  return usePlayerHandle(player);
}
