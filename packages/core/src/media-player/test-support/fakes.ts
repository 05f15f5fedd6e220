/**
 * Node stand-ins for Web Audio, media elements and streamed media handles.
 */
import type { AssemblyStatus } from "../../assembly/types";
import type { MediaElementLike, PlayableMedia } from "../types";
import type { AudioBufferLike, AudioBufferSourceLike, AudioContextLike } from "../web-audio";

/** Builds a PCM WAV file. */
export function makeWav(
  frames: number[][],
  options: { sampleRate?: number; bitsPerSample?: 8 | 16; extraChunk?: boolean; dataSize?: number } = {},
): Uint8Array {
  const channels = frames[0]?.length ?? 1;
  const bits = options.bitsPerSample ?? 16;
  const sampleRate = options.sampleRate ?? 8_000;
  const bytesPerSample = bits / 8;
  const dataLength = frames.length * channels * bytesPerSample;
  const extra = options.extraChunk ? 12 : 0;
  const bytes = new Uint8Array(44 + extra + dataLength);
  const view = new DataView(bytes.buffer);
  const text = (offset: number, value: string) => [...value].forEach((character, index) => (bytes[offset + index] = character.charCodeAt(0)));
  text(0, "RIFF");
  view.setUint32(4, bytes.length - 8, true);
  text(8, "WAVE");
  text(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * bytesPerSample, true);
  view.setUint16(32, channels * bytesPerSample, true);
  view.setUint16(34, bits, true);
  let offset = 36;
  if (options.extraChunk) {
    text(offset, "LIST");
    view.setUint32(offset + 4, 4, true);
    text(offset + 8, "INFO");
    offset += 12;
  }
  text(offset, "data");
  view.setUint32(offset + 4, options.dataSize ?? dataLength, true);
  offset += 8;
  for (const frame of frames) {
    for (const sample of frame) {
      if (bits === 16) view.setInt16(offset, Math.round(sample * 32_767), true);
      else view.setUint8(offset, Math.round(sample * 127 + 128));
      offset += bytesPerSample;
    }
  }
  return bytes;
}

/** A streamed media handle whose bytes grow as the test says. */
export class FakeMedia implements PlayableMedia {
  status: AssemblyStatus = "streaming";
  error: unknown = undefined;
  #received = 0;

  constructor(
    readonly bytes: Uint8Array,
    readonly mimeType: string,
    readonly key = "message-1:0:audio",
  ) {}

  get byteLength(): number {
    return this.#received;
  }

  /** A new version with `count` bytes received in total. */
  receive(count: number, status: AssemblyStatus = "streaming"): FakeMedia {
    const next = new FakeMedia(this.bytes, this.mimeType, this.key);
    next.#received = Math.min(count, this.bytes.length);
    next.status = status;
    return next;
  }

  partialBytes(): Uint8Array {
    return this.bytes.subarray(0, this.#received);
  }

  async blob(): Promise<Blob> {
    return new Blob([this.partialBytes() as Uint8Array<ArrayBuffer>], { type: this.mimeType });
  }
}

class FakeBuffer implements AudioBufferLike {
  readonly channels: Float32Array[];
  constructor(channelCount: number, readonly length: number, readonly sampleRate: number) {
    this.channels = Array.from({ length: channelCount }, () => new Float32Array(length));
  }
  get duration(): number {
    return this.length / this.sampleRate;
  }
  copyToChannel(source: Float32Array, channel: number): void {
    this.channels[channel]!.set(source);
  }
}

/** A buffer source recording when it was started. */
export class FakeSource implements AudioBufferSourceLike {
  buffer: FakeBuffer | null = null;
  onended: (() => void) | null = null;
  startedAt: number | undefined;
  stopped = false;
  connect(): void {}
  disconnect(): void {}
  start(when = 0): void {
    this.startedAt = when;
  }
  stop(): void {
    this.stopped = true;
  }
}

/** An audio context whose clock the test moves; sources end when the clock passes them. */
export class FakeAudioContext implements AudioContextLike {
  currentTime = 0;
  state = "running";
  readonly destination = {};
  readonly sources: FakeSource[] = [];
  closed = false;

  createBuffer(channels: number, length: number, sampleRate: number): FakeBuffer {
    return new FakeBuffer(channels, length, sampleRate);
  }
  createBufferSource(): FakeSource {
    const source = new FakeSource();
    this.sources.push(source);
    return source;
  }
  async resume(): Promise<void> {
    this.state = "running";
  }
  async suspend(): Promise<void> {
    this.state = "suspended";
  }
  async close(): Promise<void> {
    this.closed = true;
  }

  /** Moves the clock and ends the sources it passed. */
  advance(seconds: number): void {
    this.currentTime += seconds;
    for (const source of this.sources) {
      const end = (source.startedAt ?? Infinity) + (source.buffer?.duration ?? 0);
      if (!source.stopped && end <= this.currentTime && source.onended) {
        const ended = source.onended;
        source.onended = null;
        ended();
      }
    }
  }
}

/** An audio/video element that records calls and lets the test fire its events. */
export class FakeElement implements MediaElementLike {
  src = "";
  currentTime = 0;
  duration = Number.NaN;
  paused = true;
  readonly played: string[] = [];
  readonly #listeners = new Map<string, Set<() => void>>();

  play(): Promise<void> {
    this.paused = false;
    this.played.push(this.src);
    this.fire("playing");
    return Promise.resolve();
  }
  pause(): void {
    this.paused = true;
    this.fire("pause");
  }
  removeAttribute(name: string): void {
    if (name === "src") this.src = "";
  }
  addEventListener(type: string, listener: () => void): void {
    if (!this.#listeners.has(type)) this.#listeners.set(type, new Set());
    this.#listeners.get(type)!.add(listener);
  }
  removeEventListener(type: string, listener: () => void): void {
    this.#listeners.get(type)?.delete(listener);
  }
  fire(type: string): void {
    for (const listener of this.#listeners.get(type) ?? []) listener();
  }
}
