/**
 * `useAudioPlayer`: plays a streamed audio block while it arrives.
 */
import { AudioPlayer, type AudioPlayerOptions, type PlayableMedia } from "@agent-stream/core";
import { followSource, playerHandle, type MediaPlayerHandle } from "./internal/player-handle.svelte.js";
import { StoreValue } from "./internal/store-value.js";
import { readValue, type ValueOrGetter } from "./selector-target.js";

/** Options of {@link useAudioPlayer}. */
export interface UseAudioPlayerOptions extends AudioPlayerOptions {
  /** Start playing as soon as a new block is loaded (browsers may block it without a gesture). */
  autoPlay?: boolean;
}

/** What {@link useAudioPlayer} returns. */
export interface AudioPlayerHandle extends MediaPlayerHandle {
  /** `"web-audio"` while WAV/PCM stream progressively, `"element"` for other formats. */
  readonly mode: "web-audio" | "element" | undefined;
}

/**
 * An audio player for `media` (a value or getter, typically an entry of `useAudio`): WAV and raw
 * PCM play progressively through Web Audio while they stream, other formats once complete.
 * Disposed with the component. Call it while a component initialises.
 *
 * @example
 * const clips = useAudio(stream);
 * const player = useAudioPlayer(() => clips.current.at(-1));
 * // <button onclick={player.toggle}>{player.status}</button>
 */
export function useAudioPlayer(
  media: ValueOrGetter<PlayableMedia | undefined>,
  options: UseAudioPlayerOptions = {},
): AudioPlayerHandle {
  const { autoPlay = false, ...playerOptions } = options;
  const player = new AudioPlayer(playerOptions);
  followSource(() => readValue(media), (source) => player.setSource(source), () => player.play(), autoPlay);
  $effect.pre(() => () => player.dispose());
  const mode = new StoreValue(player.store, (snapshot) => snapshot.mode);
  return Object.defineProperty(playerHandle(player), "mode", { get: () => mode.current, enumerable: true }) as AudioPlayerHandle;
}
