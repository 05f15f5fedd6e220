/**
 * `injectVideoPlayer`: plays a streamed video block in a `<video>` element.
 */
import { VideoPlayer, type MediaElementLike, type PlayableMedia } from "@agent-stream/core";
import type { ElementRef } from "@angular/core";
import { bindingContext, watchValue, type InjectOptions } from "./internal/binding-context";
import { playerHandle, type MediaPlayerHandle } from "./internal/player-handle";
import { readValue, type MaybeSignal } from "./selector-target";

/** Options of {@link injectVideoPlayer}. */
export interface InjectVideoPlayerOptions extends InjectOptions {
  /** Start playing once a new block is complete and loaded. */
  autoPlay?: boolean;
}

/** What {@link injectVideoPlayer} returns. */
export type VideoPlayerHandle = MediaPlayerHandle;

/**
 * Plays `media` (a `Signal` or function, typically an entry of `injectVideo`) in `element` (a
 * `viewChild` signal of the `<video>`, its `ElementRef`, or the element) once the block is
 * complete. Follows both; disposed with the injection context.
 *
 * @example
 * readonly videoElement = viewChild<ElementRef<HTMLVideoElement>>("video");
 * readonly videos = injectVideo(this.stream);
 * readonly player = injectVideoPlayer(this.videoElement, () => this.videos()[0]);
 * // <video #video></video> <button (click)="player.toggle()">Play</button>
 */
export function injectVideoPlayer(
  element: MaybeSignal<MediaElementLike | ElementRef<MediaElementLike> | null | undefined>,
  media: MaybeSignal<PlayableMedia | undefined>,
  options: InjectVideoPlayerOptions = {},
): VideoPlayerHandle {
  const context = bindingContext("injectVideoPlayer", injectVideoPlayer, options);
  const player = new VideoPlayer();
  context.destroyRef.onDestroy(() => player.dispose());
  watchValue(
    () => {
      const current = readValue(element) ?? undefined;
      return current !== undefined && "nativeElement" in current ? current.nativeElement : current;
    },
    (current, onCleanup) => {
      if (current !== undefined) onCleanup(player.attach(current));
    },
    context,
  );
  let previousKey: string | undefined;
  watchValue(
    () => readValue(media),
    (next) => {
      player.setSource(next);
      if (options.autoPlay === true && next !== undefined && next.key !== previousKey) void player.play();
      previousKey = next?.key;
    },
    context,
  );
  return playerHandle(player, context);
}
