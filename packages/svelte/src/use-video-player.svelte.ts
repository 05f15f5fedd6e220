/**
 * `useVideoPlayer`: plays a streamed video block in a `<video>` element.
 */
import { VideoPlayer, type MediaElementLike, type PlayableMedia } from "@agent-stream/core";
import { untrack } from "svelte";
import { followSource, playerHandle, type MediaPlayerHandle } from "./internal/player-handle.svelte.js";
import { readValue, type ValueOrGetter } from "./selector-target.js";

/** Options of {@link useVideoPlayer}. */
export interface UseVideoPlayerOptions {
  /** Start playing once a new block is complete and loaded. */
  autoPlay?: boolean;
}

/** What {@link useVideoPlayer} returns. */
export type VideoPlayerHandle = MediaPlayerHandle;

/**
 * Plays `media` (a value or getter, typically an entry of `useVideo`) in `element` (a getter over
 * a `bind:this` variable) once the block is complete. Follows both; disposed with the component.
 * Call it while a component initialises.
 *
 * @example
 * let video: HTMLVideoElement | undefined = $state();
 * const videos = useVideo(stream);
 * const player = useVideoPlayer(() => video, () => videos.current[0]);
 * // <video bind:this={video}></video><button onclick={player.toggle}>Play</button>
 */
export function useVideoPlayer(
  element: ValueOrGetter<MediaElementLike | null | undefined>,
  media: ValueOrGetter<PlayableMedia | undefined>,
  options: UseVideoPlayerOptions = {},
): VideoPlayerHandle {
  const player = new VideoPlayer();
  $effect.pre(() => {
    const target = readValue(element) ?? undefined;
    if (target !== undefined) return untrack(() => player.attach(target));
  });
  followSource(() => readValue(media), (source) => player.setSource(source), () => player.play(), options.autoPlay === true);
  $effect.pre(() => () => player.dispose());
  return playerHandle(player);
}
