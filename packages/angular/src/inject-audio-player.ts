/**
 * `injectAudioPlayer`: plays a streamed audio block while it arrives.
 */
import { AudioPlayer, type AudioPlayerOptions, type PlayableMedia } from "@agent-stream/core";
import { computed, type Signal } from "@angular/core";
import { bindingContext, watchValue, type InjectOptions } from "./internal/binding-context";
import { playerHandle, type MediaPlayerHandle } from "./internal/player-handle";
import { readValue, type MaybeSignal } from "./selector-target";

/** Options of {@link injectAudioPlayer}. */
export interface InjectAudioPlayerOptions extends AudioPlayerOptions, InjectOptions {
  /** Start playing as soon as a new block is loaded (browsers may block it without a gesture). */
  autoPlay?: boolean;
}

/** What {@link injectAudioPlayer} returns. */
export interface AudioPlayerHandle extends MediaPlayerHandle {
  /** `"web-audio"` while WAV/PCM stream progressively, `"element"` for other formats. */
  readonly mode: Signal<"web-audio" | "element" | undefined>;
}

/**
 * An audio player for `media` (a `Signal` or function, typically an entry of `injectAudio`): WAV
 * and raw PCM play progressively while they stream, other formats once complete. Disposed with
 * the injection context.
 *
 * @example
 * readonly clips = injectAudio(this.stream);
 * readonly player = injectAudioPlayer(() => this.clips().at(-1));
 * // <button (click)="player.toggle()">{{ player.status() }}</button>
 */
export function injectAudioPlayer(
  media: MaybeSignal<PlayableMedia | undefined>,
  options: InjectAudioPlayerOptions = {},
): AudioPlayerHandle {
  const { autoPlay = false, injector, ...playerOptions } = options;
  const context = bindingContext("injectAudioPlayer", injectAudioPlayer, { injector });
  const player = new AudioPlayer(playerOptions);
  context.destroyRef.onDestroy(() => player.dispose());
  const handle = playerHandle(player, context);
  let previousKey: string | undefined;
  watchValue(
    () => readValue(media),
    (next) => {
      player.setSource(next);
      if (autoPlay && next !== undefined && next.key !== previousKey) void player.play();
      previousKey = next?.key;
    },
    context,
  );
  return { ...handle, mode: computed(() => handle.snapshot().mode) };
}
