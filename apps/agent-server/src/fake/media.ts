import { crc32, deflateSync } from "node:zlib";

type Rgb = [number, number, number];

const pngChunk = (type: string, data: Buffer): Buffer => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, checksum]);
};

/**
 * Encodes a small RGB PNG (a 2×2 checkerboard of `first` and `second`) as base64.
 *
 * @example
 * ```ts
 * const data = tinyPngBase64(); // "iVBORw0KGgo..." (a valid PNG of about 80 bytes)
 * ```
 */
export function tinyPngBase64(first: Rgb = [220, 40, 40], second: Rgb = [40, 40, 220]): string {
  const width = 2;
  const height = 2;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit depth, truecolour, default compression/filter, no interlace
  const rows = [
    [0, ...first, ...second],
    [0, ...second, ...first],
  ].flat();
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(Buffer.from(rows))),
    pngChunk("IEND", Buffer.alloc(0)),
  ]).toString("base64");
}

/**
 * Encodes a short mono 8-bit PCM WAV tone as base64.
 *
 * @example
 * ```ts
 * const data = tinyWavBase64(); // 50 ms of 440 Hz at 8 kHz, about 444 bytes
 * ```
 */
export function tinyWavBase64(durationMs = 50, frequency = 440, sampleRate = 8_000): string {
  const sampleCount = Math.round((sampleRate * durationMs) / 1_000);
  const samples = Buffer.alloc(sampleCount);
  for (let index = 0; index < sampleCount; index += 1) {
    samples[index] = Math.round(128 + 100 * Math.sin((2 * Math.PI * frequency * index) / sampleRate));
  }
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + sampleCount, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate, 28); // byte rate = rate × 1 channel × 1 byte
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits per sample
  header.write("data", 36, "ascii");
  header.writeUInt32LE(sampleCount, 40);
  return Buffer.concat([header, samples]).toString("base64");
}
