"use client";
/**
 * `useAudioPlayer`: plays an audio block while it streams.
 */
import { AudioPlayer, type AudioPlayerOptions, type MediaSnapshot, type MediaPlayerControls, type MediaPlayerSnapshot } from "@agent-stream/core";
import { useMediaPlayer } from "./internal/use-media-player";

/** The state of the player plus its controls. */
export interface AudioPlayerHandle extends MediaPlayerSnapshot, MediaPlayerControls {}

/**
 * Plays `media` (a handle from `useAudio`): WAV and raw PCM start while the bytes still stream;
 * other formats play once complete. Pass each new version of the handle; the player follows it.
 *
 * @example
 * const [clip] = useAudio(stream);
 * const player = useAudioPlayer(clip);
 * return <button onClick={player.toggle}>{player.status === "playing" ? "Pause" : "Play"}</button>;
 */
export function useAudioPlayer(media: MediaSnapshot | undefined, options: AudioPlayerOptions = {}): AudioPlayerHandle {
  return useMediaPlayer(() => new AudioPlayer(options), media).handle;
}
