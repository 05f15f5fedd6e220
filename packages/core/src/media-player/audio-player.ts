/**
 * A framework-neutral audio player for streamed audio blocks.
 */
import type { ReadableStore } from "../store/stream-store";
import { ElementPlayback } from "./element-playback";
import { PcmStreamDecoder, type PcmChunk } from "./pcm-stream";
import { PlayerState } from "./player-state";
import { togglePlayback, type MediaElementLike, type MediaPlayerControls, type MediaPlayerSnapshot, type PlayableMedia } from "./types";
import { isWavMimeType, pcmFormatOfMimeType } from "./wav";
import { AudioChunkScheduler, type AudioContextLike } from "./web-audio";

/** Options of {@link AudioPlayer}. */
export interface AudioPlayerOptions {
  /** Creates the Web Audio context, on the first `play()` (default: `new AudioContext()` when available). */
  createAudioContext?: () => AudioContextLike;
  /** Creates the element used for formats Web Audio cannot stream (default: `new Audio()` when available). */
  createAudioElement?: () => MediaElementLike;
  /** How often `currentTime` is published while streaming through Web Audio (default 100 ms). */
  timeUpdateMs?: number;
}

function defaultAudioContext(): AudioContextLike | undefined {
  const AudioContextClass = (globalThis as { AudioContext?: new () => AudioContextLike }).AudioContext;
  return AudioContextClass === undefined ? undefined : new AudioContextClass();
}

function defaultAudioElement(): MediaElementLike | undefined {
  const AudioClass = (globalThis as { Audio?: new () => MediaElementLike }).Audio;
  return AudioClass === undefined ? undefined : new AudioClass();
}

/** Progressive playback of one WAV or raw PCM block through Web Audio. */
interface StreamingPlayback {
  media: PlayableMedia;
  decoder: PcmStreamDecoder;
  /** Decoded chunks waiting for `play()` (no scheduler yet). */
  pending: PcmChunk[];
  scheduler: AudioChunkScheduler | undefined;
}

/**
 * Plays an audio block while it streams. WAV and raw PCM (`audio/pcm`, `audio/L16`) play
 * progressively through Web Audio: samples are scheduled as soon as they arrive, and a slow stream
 * shows `buffering` instead of glitching. Other formats (MP3, Ogg, ...) play through an audio
 * element once the block is complete. State is a store snapshot; bindings render it and call
 * `play`/`pause`/`stop`. Call `setSource` with every new version of the handle.
 *
 * @example
 * const player = new AudioPlayer();
 * audioStore.subscribe(() => player.setSource(audioStore.getSnapshot()[0]));
 * button.onclick = () => player.play();
 */
export class AudioPlayer implements MediaPlayerControls {
  readonly #state = new PlayerState();
  readonly #options: AudioPlayerOptions;
  #streaming: StreamingPlayback | undefined;
  #element: ElementPlayback | undefined;
  #context: AudioContextLike | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #wantsPlay = false;
  #disposed = false;

  constructor(options: AudioPlayerOptions = {}) {
    this.#options = options;
  }

  /** The player's state. */
  get store(): ReadableStore<MediaPlayerSnapshot> {
    return this.#state.store;
  }

  /**
   * Loads `media` (another key replaces what was loaded) or follows its newest version (same key:
   * more bytes, completed, failed). `undefined` unloads.
   *
   * @example
   * player.setSource(handle);
   */
  setSource(media: PlayableMedia | undefined): void {
    if (this.#disposed) return;
    const current = this.#state.snapshot.sourceKey;
    if (media === undefined || media.key !== current) this.#unload();
    if (media === undefined) return;
    if (this.#streaming === undefined && this.#element === undefined) this.#load(media);
    if (this.#streaming !== undefined) this.#feed(this.#streaming, media);
    else this.#element?.update(media);
  }

  /** Starts or resumes playback (restarts after the end). Call it from a user gesture in browsers. */
  async play(): Promise<void> {
    if (this.#disposed) return;
    this.#wantsPlay = true;
    if (this.#element !== undefined) return this.#element.play();
    const streaming = this.#streaming;
    if (streaming === undefined) return;
    if (this.#state.snapshot.status === "ended") this.#rewind(streaming);
    const context = this.#ensureContext();
    if (context === undefined) return;
    if (streaming.scheduler === undefined) {
      const scheduler = new AudioChunkScheduler(context, { onDrained: () => this.#publishProgress() });
      streaming.scheduler = scheduler;
      for (const chunk of streaming.pending.splice(0)) scheduler.enqueue(chunk);
    }
    if (context.state === "suspended") await context.resume();
    this.#startTimer();
    this.#publishProgress();
  }

  /** Pauses; `play()` resumes where it stopped. */
  pause(): void {
    this.#wantsPlay = false;
    if (this.#element !== undefined) return this.#element.pause();
    this.#stopTimer();
    void this.#context?.suspend();
    if (this.#streaming !== undefined) this.#state.patch({ status: "paused", currentTime: this.#mediaTime() });
  }

  /** Pauses while playing or buffering, plays otherwise (call it from a user gesture in browsers). */
  toggle(): Promise<void> {
    return togglePlayback(this.#state.snapshot.status, this);
  }

  /** Stops and rewinds to the start. */
  stop(): void {
    this.#wantsPlay = false;
    if (this.#element !== undefined) return this.#element.stop();
    this.#stopTimer();
    if (this.#streaming !== undefined) this.#rewind(this.#streaming);
    this.#state.patch({ status: this.#streaming === undefined ? "idle" : "paused", currentTime: 0 });
  }

  /** Stops playback and releases the audio context and element. Idempotent. */
  dispose(): void {
    if (this.#disposed) return;
    this.#unload();
    this.#disposed = true;
    void this.#context?.close();
    this.#context = undefined;
  }

  #load(media: PlayableMedia): void {
    const rawFormat = pcmFormatOfMimeType(media.mimeType);
    const canStream = (rawFormat !== undefined || isWavMimeType(media.mimeType)) && this.#canUseWebAudio();
    this.#state.patch({ sourceKey: media.key, status: "loading", error: undefined, currentTime: 0, duration: undefined, buffered: 0 });
    if (canStream) {
      this.#streaming = { media, decoder: new PcmStreamDecoder(rawFormat), pending: [], scheduler: undefined };
      this.#state.patch({ mode: "web-audio" });
      return;
    }
    const element = (this.#options.createAudioElement ?? defaultAudioElement)();
    if (element === undefined) {
      this.#state.patch({ status: "error", error: new Error("No Web Audio and no audio element available to play this audio.") });
      return;
    }
    this.#element = new ElementPlayback(element, this.#state);
    this.#state.patch({ mode: "element" });
    if (this.#wantsPlay) void this.#element.play();
  }

  /** Decodes new bytes (scheduled when playing, kept until `play()` otherwise); updates buffered time and duration. */
  #feed(playback: StreamingPlayback, media: PlayableMedia): void {
    playback.media = media;
    try {
      const chunk = playback.decoder.read(media.partialBytes());
      if (chunk !== undefined && playback.scheduler !== undefined) playback.scheduler.enqueue(chunk);
      else if (chunk !== undefined) playback.pending.push(chunk);
    } catch (error) {
      this.#state.patch({ status: "error", error });
      return;
    }
    const decoded = playback.decoder.decodedDuration;
    this.#state.patch({
      buffered: decoded,
      duration: playback.decoder.announcedDuration ?? (media.status === "complete" ? decoded : undefined),
      error: media.status === "error" ? media.error : this.#state.snapshot.error,
    });
    if (this.#state.snapshot.status === "loading" && !this.#wantsPlay && decoded > 0) this.#state.patch({ status: "paused" });
    this.#publishProgress();
  }

  /** Back to the start: everything scheduled is dropped and the bytes are decoded again for the next `play()`. */
  #rewind(playback: StreamingPlayback): void {
    playback.scheduler?.reset();
    playback.scheduler = undefined;
    playback.decoder = new PcmStreamDecoder(pcmFormatOfMimeType(playback.media.mimeType));
    playback.pending = [];
    this.#state.patch({ currentTime: 0 });
    this.#feed(playback, playback.media);
  }

  #ensureContext(): AudioContextLike | undefined {
    if (this.#context !== undefined) return this.#context;
    try {
      this.#context = (this.#options.createAudioContext ?? defaultAudioContext)();
    } catch (error) {
      this.#state.patch({ status: "error", error });
    }
    return this.#context;
  }

  #canUseWebAudio(): boolean {
    if (this.#options.createAudioContext !== undefined) return true;
    return typeof (globalThis as { AudioContext?: unknown }).AudioContext === "function";
  }

  #mediaTime(): number {
    return this.#streaming?.scheduler?.mediaTime() ?? this.#state.snapshot.currentTime;
  }

  /** Publishes position and status: playing, buffering (behind the stream), ended, or error. */
  #publishProgress(): void {
    const playback = this.#streaming;
    const scheduler = playback?.scheduler;
    if (playback === undefined || scheduler === undefined || !this.#wantsPlay) return;
    const currentTime = scheduler.mediaTime();
    const media = playback.media;
    const drained = scheduler.pendingChunks === 0 || scheduler.isStarved();
    if (!drained) {
      this.#state.patch({ status: "playing", currentTime });
      return;
    }
    if (media.status === "streaming") {
      this.#state.patch({ status: "buffering", currentTime });
      return;
    }
    this.#stopTimer();
    this.#wantsPlay = false;
    const failed = media.status === "error";
    this.#state.patch({ status: failed ? "error" : "ended", currentTime, error: failed ? media.error : undefined });
  }

  #startTimer(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => this.#publishProgress(), this.#options.timeUpdateMs ?? 100);
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #unload(): void {
    this.#stopTimer();
    this.#wantsPlay = false;
    this.#streaming?.scheduler?.reset();
    this.#streaming = undefined;
    this.#element?.dispose();
    this.#element = undefined;
    this.#state.reset();
  }
}
