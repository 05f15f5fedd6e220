/**
 * Playing finished media through a media element (`<audio>`, `<video>`) from an object URL.
 */
import type { PlayerState } from "./player-state";
import type { MediaElementLike, PlayableMedia } from "./types";

type ElementEvent = "timeupdate" | "durationchange" | "playing" | "pause" | "waiting" | "ended" | "error";

/**
 * Loads a media block into an element once it is complete, and mirrors the element's events into
 * the player state. Owns the object URL (revoked on `unload`).
 *
 * @example
 * const playback = new ElementPlayback(element, state);
 * playback.update(handle);
 * await playback.play();
 */
export class ElementPlayback {
  readonly #element: MediaElementLike;
  readonly #state: PlayerState;
  readonly #listeners: [ElementEvent, () => void][];
  #media: PlayableMedia | undefined;
  #objectUrl: string | undefined;
  #loading: Promise<void> | undefined;
  #wantsPlay = false;
  #generation = 0;

  constructor(element: MediaElementLike, state: PlayerState) {
    this.#element = element;
    this.#state = state;
    this.#listeners = [
      ["timeupdate", () => state.patch({ currentTime: element.currentTime })],
      ["durationchange", () => {
        const duration = Number.isFinite(element.duration) ? element.duration : undefined;
        state.patch({ duration, buffered: duration ?? 0 });
      }],
      ["playing", () => state.patch({ status: "playing" })],
      ["pause", () => state.snapshot.status !== "ended" && state.patch({ status: "paused" })],
      ["waiting", () => state.patch({ status: "buffering" })],
      ["ended", () => state.patch({ status: "ended", currentTime: element.currentTime })],
      ["error", () => state.patch({ status: "error", error: new Error("The media element could not play this media.") })],
    ];
    for (const [type, listener] of this.#listeners) element.addEventListener(type, listener);
  }

  /** Follows the media's latest version: loads it into the element once it is complete. */
  update(media: PlayableMedia): void {
    this.#media = media;
    if (media.status === "error") {
      this.#state.patch({ status: "error", error: media.error });
      return;
    }
    if (media.status !== "complete" || this.#loading !== undefined) return;
    const generation = this.#generation;
    this.#loading = media.blob().then(
      (blob) => {
        if (generation !== this.#generation) return;
        this.#objectUrl = URL.createObjectURL(blob);
        this.#element.src = this.#objectUrl;
        this.#element.load?.();
        this.#state.patch({ status: this.#wantsPlay ? "loading" : "paused" });
        if (this.#wantsPlay) void this.play();
      },
      (error: unknown) => {
        if (generation === this.#generation) this.#state.patch({ status: "error", error });
      },
    );
  }

  /** Plays now, or as soon as the media is loaded. */
  async play(): Promise<void> {
    this.#wantsPlay = true;
    if (this.#objectUrl === undefined) {
      this.#state.patch({ status: this.#media?.status === "error" ? "error" : "loading" });
      return;
    }
    if (this.#state.snapshot.status === "ended") this.#element.currentTime = 0;
    try {
      await this.#element.play();
    } catch (error) {
      // Autoplay policies reject play() without a user gesture: the player stays paused.
      this.#state.patch({ status: "paused", error });
    }
  }

  pause(): void {
    this.#wantsPlay = false;
    this.#element.pause();
  }

  stop(): void {
    this.pause();
    if (this.#objectUrl !== undefined) this.#element.currentTime = 0;
    this.#state.patch({ status: this.#objectUrl === undefined ? "loading" : "paused", currentTime: 0 });
  }

  /** Detaches the media: empties the element and revokes the object URL. */
  unload(): void {
    this.#generation += 1;
    this.#wantsPlay = false;
    this.#loading = undefined;
    this.#media = undefined;
    this.#element.pause();
    this.#element.removeAttribute("src");
    this.#element.load?.();
    if (this.#objectUrl !== undefined) URL.revokeObjectURL(this.#objectUrl);
    this.#objectUrl = undefined;
  }

  /** Unloads and stops listening to the element. */
  dispose(): void {
    this.unload();
    for (const [type, listener] of this.#listeners) this.#element.removeEventListener(type, listener);
  }
}
