/**
 * What the audio and video player selectors share.
 */
import type { MediaPlayerSnapshot, MediaPlayerStatus, ReadableStore } from "@agent-stream/core";
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
export interface MediaPlayerHandle extends ReactiveValue<MediaPlayerSnapshot> {
  readonly status: MediaPlayerStatus;
  /** Seconds played. */
  readonly currentTime: number;
  /** Seconds in total, once known. */
  readonly duration: number | undefined;
  /** Seconds received and ready to play. */
  readonly buffered: number;
  /** Why playback failed. */
  readonly error: unknown;
  /** Starts or resumes (call it from a user gesture in browsers). */
  play(): Promise<void>;
  pause(): void;
  /** Stops and rewinds. */
  stop(): void;
  /** Pauses while playing, plays otherwise. */
  toggle(): Promise<void>;
}

/** A core player: a store and its controls. */
export interface PlayerLike {
  readonly store: ReadableStore<MediaPlayerSnapshot>;
  play(): Promise<void>;
  pause(): void;
  stop(): void;
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
    toggle: async () => {
      const { status } = player.store.getSnapshot();
      if (status === "playing" || status === "buffering") player.pause();
      else await player.play();
    },
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
