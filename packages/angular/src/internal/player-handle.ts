/**
 * The signals and methods shared by `injectAudioPlayer` and `injectVideoPlayer`.
 */
import type { MediaPlayerControls, MediaPlayerFields, MediaPlayerSnapshot, ReadableStore } from "@agent-stream/core";
import { computed, type Signal } from "@angular/core";
import type { BindingContext } from "./binding-context";
import { storeSignal } from "./store-signal";

/**
 * A media player as signals. Every field follows the core player's store.
 *
 * @example
 * readonly player = injectAudioPlayer(() => this.clips()[0]);
 * // <button (click)="player.toggle()">{{ player.status() === "playing" ? "Pause" : "Play" }}</button>
 */
export type MediaPlayerHandle = {
  readonly [K in keyof MediaPlayerFields]: Signal<MediaPlayerFields[K]>;
} & {
  /** The whole snapshot. */
  readonly snapshot: Signal<MediaPlayerSnapshot>;
} & MediaPlayerControls;

interface PlayerLike extends MediaPlayerControls {
  readonly store: ReadableStore<MediaPlayerSnapshot>;
}

/** Wraps a core player (its store and methods) as a {@link MediaPlayerHandle}. */
export function playerHandle(player: PlayerLike, context: BindingContext): MediaPlayerHandle {
  const snapshot = storeSignal(() => player.store, context);
  return {
    status: computed(() => snapshot().status),
    currentTime: computed(() => snapshot().currentTime),
    duration: computed(() => snapshot().duration),
    buffered: computed(() => snapshot().buffered),
    error: computed(() => snapshot().error),
    snapshot,
    play: () => player.play(),
    pause: () => player.pause(),
    stop: () => player.stop(),
    toggle: () => player.toggle(),
  };
}
