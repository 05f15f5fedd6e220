/**
 * Turns the growing bytes of a streamed WAV or raw PCM block into playable sample chunks.
 */
import { decodePcm, frameSize, parseWavHeader, type PcmFormat } from "./wav";

/** Samples ready to play. */
export interface PcmChunk {
  readonly channels: Float32Array[];
  readonly sampleRate: number;
  /** Frames in the chunk (`channels[0].length`). */
  readonly frames: number;
}

/**
 * Reads a block's bytes as they grow: feed the whole byte prefix received so far (what
 * `handle.partialBytes()` returns) and get the samples that were not returned before. The header
 * is parsed once it is complete; a partial frame waits for the next call.
 *
 * @example
 * const decoder = new PcmStreamDecoder();           // WAV
 * const chunk = decoder.read(handle.partialBytes()); // undefined until samples are available
 */
export class PcmStreamDecoder {
  #format: PcmFormat | undefined;
  #dataOffset: number | undefined;
  #dataEnd: number | undefined;
  #consumed = 0;
  #framesDecoded = 0;

  /** `rawFormat`: the bytes are headerless PCM in this format; otherwise they are a WAV file. */
  constructor(rawFormat?: PcmFormat) {
    if (rawFormat !== undefined) {
      this.#format = rawFormat;
      this.#dataOffset = 0;
    }
  }

  /** The format, once known. */
  get format(): PcmFormat | undefined {
    return this.#format;
  }

  /** Seconds of audio the header announces, when it does. */
  get announcedDuration(): number | undefined {
    const format = this.#format;
    if (format === undefined || this.#dataEnd === undefined || this.#dataOffset === undefined) return undefined;
    return (this.#dataEnd - this.#dataOffset) / frameSize(format) / format.sampleRate;
  }

  /** Seconds of audio decoded so far. */
  get decodedDuration(): number {
    return this.#format === undefined ? 0 : this.#framesDecoded / this.#format.sampleRate;
  }

  /** The samples in `bytes` beyond those already returned; throws `WavFormatError` for bad input. */
  read(bytes: Uint8Array): PcmChunk | undefined {
    if (this.#dataOffset === undefined) {
      const header = parseWavHeader(bytes);
      if (header === undefined) return undefined;
      this.#format = header;
      this.#dataOffset = header.dataOffset;
      this.#dataEnd = header.dataLength === undefined ? undefined : header.dataOffset + header.dataLength;
      this.#consumed = header.dataOffset;
    }
    const format = this.#format!;
    const end = Math.min(bytes.length, this.#dataEnd ?? bytes.length);
    const size = frameSize(format);
    const usable = Math.floor((end - this.#consumed) / size) * size;
    if (usable <= 0) return undefined;
    const channels = decodePcm(bytes.subarray(this.#consumed, this.#consumed + usable), format);
    this.#consumed += usable;
    const frames = usable / size;
    this.#framesDecoded += frames;
    return { channels, sampleRate: format.sampleRate, frames };
  }
}
