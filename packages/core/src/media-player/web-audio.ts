/**
 * The slice of the Web Audio API the player uses (browsers' `AudioContext` fits), and the
 * scheduling of streamed chunks on it.
 */
import type { PcmChunk } from "./pcm-stream";

/** An `AudioBuffer`. */
export interface AudioBufferLike {
  readonly duration: number;
  copyToChannel(source: Float32Array<ArrayBuffer>, channelNumber: number): void;
}

/** An `AudioBufferSourceNode`. */
export interface AudioBufferSourceLike {
  buffer: AudioBufferLike | null;
  onended: (() => void) | null;
  connect(destination: unknown): unknown;
  start(when?: number): void;
  stop(when?: number): void;
  disconnect(): void;
}

/** An `AudioContext`. */
export interface AudioContextLike {
  readonly currentTime: number;
  readonly state: string;
  readonly destination: unknown;
  createBuffer(channels: number, length: number, sampleRate: number): AudioBufferLike;
  createBufferSource(): AudioBufferSourceLike;
  resume(): Promise<void>;
  suspend(): Promise<void>;
  close(): Promise<void>;
}

/** One scheduled chunk: where it sits on the context's clock and in the media. */
interface Segment {
  readonly source: AudioBufferSourceLike;
  readonly contextStart: number;
  readonly mediaStart: number;
  readonly duration: number;
}

/** Options of {@link AudioChunkScheduler}. */
export interface AudioChunkSchedulerOptions {
  /** Scheduling headroom after a gap, in seconds (default 0.05): late chunks start this far ahead. */
  leadSeconds?: number;
  /** Called when the last scheduled chunk finished playing. */
  onDrained?: () => void;
}

/**
 * Plays chunks back to back on an `AudioContext` as they arrive: each starts where the previous one
 * ends, or slightly ahead of now when the stream fell behind (an underrun leaves a gap instead of
 * overlapping). Media time is tracked per chunk, so pausing the context (`suspend`) pauses it.
 *
 * @example
 * const scheduler = new AudioChunkScheduler(new AudioContext());
 * scheduler.enqueue(decoder.read(handle.partialBytes())!);
 */
export class AudioChunkScheduler {
  readonly #context: AudioContextLike;
  readonly #lead: number;
  readonly #onDrained: (() => void) | undefined;
  #segments: Segment[] = [];
  /** Index of the segment `mediaTime` found last (time only moves forward between resets). */
  #cursor = 0;
  #nextStart = 0;
  #mediaEnd = 0;
  #active = 0;

  constructor(context: AudioContextLike, options: AudioChunkSchedulerOptions = {}) {
    this.#context = context;
    this.#lead = options.leadSeconds ?? 0.05;
    this.#onDrained = options.onDrained;
  }

  /** Seconds of media scheduled so far. */
  get scheduledDuration(): number {
    return this.#mediaEnd;
  }

  /** Chunks scheduled and not finished yet. */
  get pendingChunks(): number {
    return this.#active;
  }

  /** Schedules `chunk` right after the previous one (or just ahead of now after a gap). */
  enqueue(chunk: PcmChunk): void {
    if (chunk.frames === 0) return;
    const context = this.#context;
    const buffer = context.createBuffer(chunk.channels.length, chunk.frames, chunk.sampleRate);
    chunk.channels.forEach((samples, channel) => buffer.copyToChannel(samples as Float32Array<ArrayBuffer>, channel));
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(context.destination);
    const start = Math.max(this.#nextStart, context.currentTime + this.#lead);
    const segment: Segment = { source, contextStart: start, mediaStart: this.#mediaEnd, duration: buffer.duration };
    source.onended = () => this.#ended(segment);
    source.start(start);
    this.#segments.push(segment);
    this.#active += 1;
    this.#nextStart = start + buffer.duration;
    this.#mediaEnd += buffer.duration;
  }

  /** The media position now: inside the segment playing, or the end of the last one before now. */
  mediaTime(): number {
    const now = this.#context.currentTime;
    while (this.#cursor + 1 < this.#segments.length && this.#segments[this.#cursor + 1]!.contextStart <= now) {
      this.#cursor += 1;
    }
    const segment = this.#segments[this.#cursor];
    if (segment === undefined || now < segment.contextStart) return segment?.mediaStart ?? 0;
    return segment.mediaStart + Math.min(now - segment.contextStart, segment.duration);
  }

  /** Whether the context clock passed everything scheduled (the stream is behind, or done). */
  isStarved(): boolean {
    return this.#context.currentTime >= this.#nextStart;
  }

  /** Stops and forgets every chunk; the next one starts a new timeline. */
  reset(): void {
    for (const segment of this.#segments) {
      segment.source.onended = null;
      try {
        segment.source.stop();
      } catch {
        // Already stopped or never started: nothing left to stop.
      }
      segment.source.disconnect();
    }
    this.#segments = [];
    this.#cursor = 0;
    this.#nextStart = 0;
    this.#mediaEnd = 0;
    this.#active = 0;
  }

  #ended(segment: Segment): void {
    segment.source.disconnect();
    this.#active -= 1;
    if (this.#active === 0) this.#onDrained?.();
  }
}
