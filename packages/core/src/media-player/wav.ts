/**
 * WAV headers and PCM samples: enough to play WAV and raw PCM audio while it streams.
 */

/** Sample encodings a WAV file can carry that the player decodes. */
export type PcmEncoding = "int" | "float";

/** The audio format of a WAV file (or of raw PCM). */
export interface PcmFormat {
  readonly encoding: PcmEncoding;
  readonly channels: number;
  readonly sampleRate: number;
  /** 8, 16, 24 or 32 (`int`); 32 or 64 (`float`). */
  readonly bitsPerSample: number;
}

/** A parsed WAV header. */
export interface WavHeader extends PcmFormat {
  /** Where the samples start. */
  readonly dataOffset: number;
  /** Byte length of the samples, or `undefined` when the header does not know it (a live stream). */
  readonly dataLength: number | undefined;
}

/**
 * Thrown for bytes that are not a WAV file the player can decode.
 *
 * @example
 * if (player.store.getSnapshot().error instanceof WavFormatError) offerDownload();
 */
export class WavFormatError extends Error {
  override readonly name = "WavFormatError";
}

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_FLOAT = 3;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
/** Streaming encoders write this size when the final length is unknown. */
const UNKNOWN_SIZE = 0xffffffff;

function fourCharacterCode(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(bytes[offset]!, bytes[offset + 1]!, bytes[offset + 2]!, bytes[offset + 3]!);
}

function readFormatChunk(view: DataView, offset: number, size: number): PcmFormat {
  let tag = view.getUint16(offset, true);
  if (tag === WAVE_FORMAT_EXTENSIBLE && size >= 26) tag = view.getUint16(offset + 24, true);
  const format: PcmFormat = {
    encoding: tag === WAVE_FORMAT_FLOAT ? "float" : "int",
    channels: view.getUint16(offset + 2, true),
    sampleRate: view.getUint32(offset + 4, true),
    bitsPerSample: view.getUint16(offset + 14, true),
  };
  if (tag !== WAVE_FORMAT_PCM && tag !== WAVE_FORMAT_FLOAT) {
    throw new WavFormatError(`WAV format ${tag} is compressed; only PCM and float WAV can be streamed.`);
  }
  assertDecodable(format);
  return format;
}

/**
 * Throws {@link WavFormatError} unless samples of `format` can be decoded.
 *
 * @example
 * assertDecodable({ encoding: "int", channels: 1, sampleRate: 24_000, bitsPerSample: 16 });
 */
export function assertDecodable(format: PcmFormat): void {
  const supported = format.encoding === "float" ? [32, 64] : [8, 16, 24, 32];
  if (!supported.includes(format.bitsPerSample) || format.channels < 1 || format.sampleRate < 1) {
    throw new WavFormatError(
      `Cannot decode ${format.bitsPerSample}-bit ${format.encoding} audio with ${format.channels} channel(s) at ${format.sampleRate} Hz.`,
    );
  }
}

/**
 * Parses the header of a (possibly incomplete) WAV file: `undefined` while the bytes do not yet
 * reach the start of the samples; throws {@link WavFormatError} for anything that is not PCM WAV.
 *
 * @example
 * const header = parseWavHeader(handle.partialBytes());
 * if (header) console.log(header.sampleRate, header.channels);
 */
export function parseWavHeader(bytes: Uint8Array): WavHeader | undefined {
  if (bytes.length < 12) return undefined;
  if (fourCharacterCode(bytes, 0) !== "RIFF" || fourCharacterCode(bytes, 8) !== "WAVE") {
    throw new WavFormatError("Not a WAV file: the RIFF/WAVE signature is missing.");
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let format: PcmFormat | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = fourCharacterCode(bytes, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === "data") {
      if (format === undefined) throw new WavFormatError("WAV samples start before the format chunk.");
      return { ...format, dataOffset: body, dataLength: size === UNKNOWN_SIZE || size === 0 ? undefined : size };
    }
    if (body + size > bytes.length) return undefined;
    if (id === "fmt ") format = readFormatChunk(view, body, size);
    offset = body + size + (size % 2);
  }
  return undefined;
}

/**
 * The PCM format named by a raw-PCM MIME type (`audio/L16;rate=24000;channels=1`, `audio/pcm`),
 * or `undefined` for other types. `audio/pcm` without parameters is 16-bit mono at 24 kHz, what
 * realtime speech models stream.
 *
 * @example
 * pcmFormatOfMimeType("audio/L16;rate=16000"); // { encoding: "int", bitsPerSample: 16, sampleRate: 16000, channels: 1 }
 */
export function pcmFormatOfMimeType(mimeType: string | undefined): PcmFormat | undefined {
  if (mimeType === undefined) return undefined;
  const [type = "", ...parameters] = mimeType.toLowerCase().split(";").map((part) => part.trim());
  const bits = type === "audio/l16" || type === "audio/pcm" ? 16 : type === "audio/l24" ? 24 : type === "audio/l8" ? 8 : 0;
  if (bits === 0) return undefined;
  const read = (name: string, fallback: number): number => {
    const parameter = parameters.find((entry) => entry.startsWith(`${name}=`));
    const value = parameter === undefined ? Number.NaN : Number(parameter.slice(name.length + 1));
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  return { encoding: "int", bitsPerSample: bits, sampleRate: read("rate", 24_000), channels: read("channels", 1) };
}

/**
 * Whether a MIME type names WAV audio.
 *
 * @example
 * isWavMimeType("audio/x-wav"); // true
 */
export function isWavMimeType(mimeType: string | undefined): boolean {
  const type = mimeType?.toLowerCase().split(";")[0]?.trim();
  return type === "audio/wav" || type === "audio/x-wav" || type === "audio/wave" || type === "audio/vnd.wave";
}

function readSample(view: DataView, offset: number, format: PcmFormat): number {
  if (format.encoding === "float") {
    return format.bitsPerSample === 64 ? view.getFloat64(offset, true) : view.getFloat32(offset, true);
  }
  switch (format.bitsPerSample) {
    case 8:
      return (view.getUint8(offset) - 128) / 128;
    case 16:
      return view.getInt16(offset, true) / 32_768;
    case 24: {
      const value = view.getUint8(offset) | (view.getUint8(offset + 1) << 8) | (view.getInt8(offset + 2) << 16);
      return value / 8_388_608;
    }
    default:
      return view.getInt32(offset, true) / 2_147_483_648;
  }
}

/**
 * Decodes whole frames of interleaved PCM into one `Float32Array` per channel (-1..1). A trailing
 * partial frame is ignored: pass it again with the next bytes.
 *
 * @example
 * const [left, right] = decodePcm(samples, { encoding: "int", channels: 2, sampleRate: 44_100, bitsPerSample: 16 });
 */
export function decodePcm(bytes: Uint8Array, format: PcmFormat): Float32Array[] {
  const bytesPerSample = format.bitsPerSample / 8;
  const frameSize = bytesPerSample * format.channels;
  const frames = Math.floor(bytes.length / frameSize);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const channels = Array.from({ length: format.channels }, () => new Float32Array(frames));
  for (let frame = 0; frame < frames; frame += 1) {
    for (let channel = 0; channel < format.channels; channel += 1) {
      channels[channel]![frame] = readSample(view, frame * frameSize + channel * bytesPerSample, format);
    }
  }
  return channels;
}

/**
 * Bytes per frame (one sample of every channel).
 *
 * @example
 * frameSize({ encoding: "int", channels: 2, sampleRate: 44_100, bitsPerSample: 16 }); // 4
 */
export function frameSize(format: PcmFormat): number {
  return (format.bitsPerSample / 8) * format.channels;
}
