/**
 * What the audio and video player selectors share.
 */
import type { MediaPlayerControls, MediaPlayerFields, MediaPlayerSnapshot, ReadableStore } from "@agent-stream/core";
import { untrack } from "svelte";
import type { ReactiveValue } from "../reactive-value.js";
import { StoreValue } from "./store-value.js";

/**
 * A media player read under runes: `current` is its whole state, the getters its fields, the
 * methods drive it.
 *
 * @example
 * // <button onclick={player.toggle}>{player.status === "playing" ? "Pause" : "Play"}</button>
 */
export interface MediaPlayerHandle extends ReactiveValue<MediaPlayerSnapshot>, Readonly<MediaPlayerFields>, MediaPlayerControls {}

/** A core player: a store and its controls. */
export interface PlayerLike extends MediaPlayerControls {
  readonly store: ReadableStore<MediaPlayerSnapshot>;
}

/** Wraps a core player as a {@link MediaPlayerHandle}. */
export function playerHandle(player: PlayerLike): MediaPlayerHandle {
  const state = new StoreValue(player.store);
  return {
    get current() {
      return state.current;
    },
    get status() {
      return state.current.status;
    },
    get currentTime() {
      return state.current.currentTime;
    },
    get duration() {
      return state.current.duration;
    },
    get buffered() {
      return state.current.buffered;
    },
    get error() {
      return state.current.error;
    },
    play: () => player.play(),
    pause: () => player.pause(),
    stop: () => player.stop(),
    toggle: () => player.toggle(),
  };
}

/**
 * Loads every new version of `read()` into `setSource`, starting playback when a new block
 * arrives and `autoPlay` is set. Call it while a component initialises.
 */
export function followSource<TMedia extends { readonly key: string }>(
  read: () => TMedia | undefined,
  setSource: (media: TMedia | undefined) => void,
  play: () => Promise<void>,
  autoPlay: boolean,
): void {
  let previousKey: string | undefined;
  $effect.pre(() => {
    const media = read();
    untrack(() => {
      setSource(media);
      if (autoPlay && media !== undefined && media.key !== previousKey) void play();
    });
    previousKey = media?.key;
  });
}
