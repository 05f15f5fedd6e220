/**
 * A framework-neutral video player for streamed video blocks.
 */
import type { ReadableStore } from "../store/stream-store";
import { ElementPlayback } from "./element-playback";
import { PlayerState } from "./player-state";
import { togglePlayback, type MediaElementLike, type MediaPlayerControls, type MediaPlayerSnapshot, type PlayableMedia } from "./types";

/**
 * Plays a video block in a `<video>` element the binding provides (`attach`), once the block is
 * complete (a video cannot be decoded from a partial file). State is a store snapshot; call
 * `setSource` with every new version of the handle.
 *
 * @example
 * const player = new VideoPlayer();
 * player.attach(videoElement);
 * player.setSource(handle);
 * await player.play();
 */
export class VideoPlayer implements MediaPlayerControls {
  readonly #state = new PlayerState();
  #element: MediaElementLike | undefined;
  #playback: ElementPlayback | undefined;
  #media: PlayableMedia | undefined;
  #wantsPlay = false;

  /** The player's state. */
  get store(): ReadableStore<MediaPlayerSnapshot> {
    return this.#state.store;
  }

  /**
   * Plays into `element` (detaching a previous one); returns the function that detaches it.
   *
   * @example
   * const detach = player.attach(document.querySelector("video")!);
   */
  attach(element: MediaElementLike): () => void {
    this.#playback?.dispose();
    this.#element = element;
    this.#playback = new ElementPlayback(element, this.#state);
    if (this.#media !== undefined) this.#playback.update(this.#media);
    if (this.#wantsPlay) void this.#playback.play();
    return () => {
      if (this.#element !== element) return;
      this.#playback?.dispose();
      this.#playback = undefined;
      this.#element = undefined;
    };
  }

  /** Loads `media`, or follows its newest version; `undefined` unloads. */
  setSource(media: PlayableMedia | undefined): void {
    if (media === undefined || media.key !== this.#media?.key) {
      this.#playback?.unload();
      this.#wantsPlay = false;
      this.#state.reset();
    }
    this.#media = media;
    if (media === undefined) return;
    if (this.#state.snapshot.sourceKey === undefined) {
      this.#state.patch({ sourceKey: media.key, mode: "element", status: "loading" });
    }
    this.#playback?.update(media);
  }

  /** Plays now, or once the video is complete and loaded. */
  async play(): Promise<void> {
    this.#wantsPlay = true;
    await this.#playback?.play();
  }

  pause(): void {
    this.#wantsPlay = false;
    this.#playback?.pause();
  }

  stop(): void {
    this.#wantsPlay = false;
    this.#playback?.stop();
  }

  /** Pauses while playing or buffering, plays otherwise (call it from a user gesture in browsers). */
  toggle(): Promise<void> {
    return togglePlayback(this.#state.snapshot.status, this);
  }

  /** Releases the element and the object URL. Idempotent. */
  dispose(): void {
    this.#playback?.dispose();
    this.#playback = undefined;
    this.#element = undefined;
    this.#media = undefined;
  }
}
