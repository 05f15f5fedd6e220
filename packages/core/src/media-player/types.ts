/**
 * Types shared by the audio and video players.
 */
import type { AssemblyStatus } from "../assembly/types";

/** Where a player stands. */
export type MediaPlayerStatus = "idle" | "loading" | "buffering" | "playing" | "paused" | "ended" | "error";

/**
 * A player's state, as a store snapshot: bindings render it and call the player's methods.
 *
 * @example
 * const { status, currentTime, duration } = player.store.getSnapshot();
 */
export interface MediaPlayerSnapshot {
  readonly status: MediaPlayerStatus;
  /** Seconds played. */
  readonly currentTime: number;
  /** Seconds in total, once known. */
  readonly duration: number | undefined;
  /** Seconds received and ready to play. */
  readonly buffered: number;
  /** Why playback failed (a `MediaAssemblyError` for a broken stream, a `WavFormatError`, ...). */
  readonly error: unknown;
  /** How the media plays: streamed through Web Audio, or by a media element once complete. */
  readonly mode: "web-audio" | "element" | undefined;
  /** `key` of the media loaded. */
  readonly sourceKey: string | undefined;
}

/** Media a player can load; a `MediaSnapshot` of the media projections fits. */
export interface PlayableMedia {
  readonly key: string;
  readonly mimeType: string | undefined;
  readonly status: AssemblyStatus;
  readonly byteLength: number;
  readonly error?: unknown;
  partialBytes(): Uint8Array;
  blob(): Promise<Blob>;
}

/** The slice of `HTMLMediaElement` the players use. */
export interface MediaElementLike {
  src: string;
  currentTime: number;
  readonly duration: number;
  readonly paused: boolean;
  play(): Promise<void> | void;
  pause(): void;
  removeAttribute(name: string): void;
  load?(): void;
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/**
 * The snapshot of a player with nothing loaded.
 *
 * @example
 * if (player.store.getSnapshot() === IDLE_SNAPSHOT) showPlaceholder();
 */
export const IDLE_SNAPSHOT: MediaPlayerSnapshot = Object.freeze({
  status: "idle",
  currentTime: 0,
  duration: undefined,
  buffered: 0,
  error: undefined,
  mode: undefined,
  sourceKey: undefined,
});

/**
 * The player fields a binding's handle shows one by one (each in its own ref / signal / field).
 *
 * @example
 * type Fields = { readonly [K in keyof MediaPlayerFields]: Signal<MediaPlayerFields[K]> };
 */
export type MediaPlayerFields = Pick<MediaPlayerSnapshot, "status" | "currentTime" | "duration" | "buffered" | "error">;

/**
 * The controls of a player, shared by `AudioPlayer`, `VideoPlayer` and every binding's handle.
 *
 * @example
 * button.onclick = () => void player.toggle();
 */
export interface MediaPlayerControls {
  /** Starts or resumes (call it from a user gesture in browsers). */
  play(): Promise<void>;
  pause(): void;
  /** Stops and rewinds. */
  stop(): void;
  /** Pauses while playing or buffering, plays otherwise. */
  toggle(): Promise<void>;
}

/**
 * `toggle()` in terms of a player's status and its `play` / `pause`.
 *
 * @example
 * await togglePlayback(player.store.getSnapshot().status, player);
 */
export async function togglePlayback(status: MediaPlayerStatus, player: Pick<MediaPlayerControls, "play" | "pause">): Promise<void> {
  if (status === "playing" || status === "buffering") player.pause();
  else await player.play();
}
