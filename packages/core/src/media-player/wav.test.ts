import { describe, expect, it } from "vitest";
import { PcmStreamDecoder } from "./pcm-stream";
import { makeWav } from "./test-support/fakes";
import { decodePcm, parseWavHeader, pcmFormatOfMimeType, WavFormatError } from "./wav";

const STEREO = [
  [0.5, -0.5],
  [0.25, -0.25],
  [1, -1],
  [0, 0],
];

describe("parseWavHeader", () => {
  it("reads the format and where the samples are", () => {
    const wav = makeWav(STEREO, { sampleRate: 22_050 });
    expect(parseWavHeader(wav)).toEqual({
      encoding: "int",
      channels: 2,
      sampleRate: 22_050,
      bitsPerSample: 16,
      dataOffset: 44,
      dataLength: 16,
    });
  });

  it("waits for more bytes while the header is incomplete", () => {
    const wav = makeWav(STEREO);
    for (const length of [0, 11, 20, 40]) expect(parseWavHeader(wav.subarray(0, length))).toBeUndefined();
    expect(parseWavHeader(wav.subarray(0, 44))?.dataOffset).toBe(44);
  });

  it("skips unknown chunks and treats an unknown data size as a live stream", () => {
    const wav = makeWav(STEREO, { extraChunk: true, dataSize: 0xffffffff });
    expect(parseWavHeader(wav)).toMatchObject({ dataOffset: 56, dataLength: undefined });
  });

  it("rejects what it cannot stream", () => {
    expect(() => parseWavHeader(new TextEncoder().encode("ID3\u0004 this is an mp3 file"))).toThrow(WavFormatError);
    const compressed = makeWav(STEREO);
    new DataView(compressed.buffer).setUint16(20, 0x55, true);
    expect(() => parseWavHeader(compressed)).toThrow(/compressed/);
  });
});

describe("PCM decoding", () => {
  it("decodes 16-bit stereo and 8-bit mono samples to -1..1", () => {
    const header = parseWavHeader(makeWav(STEREO))!;
    const [left, right] = decodePcm(makeWav(STEREO).subarray(header.dataOffset), header);
    expect(Array.from(left!, (value) => Number(value.toFixed(2)))).toEqual([0.5, 0.25, 1, 0]);
    expect(Array.from(right!, (value) => Number(value.toFixed(2)))).toEqual([-0.5, -0.25, -1, 0]);
    const mono8 = makeWav([[0.5], [-0.5]], { bitsPerSample: 8 });
    const [samples] = decodePcm(mono8.subarray(44), { encoding: "int", channels: 1, sampleRate: 8_000, bitsPerSample: 8 });
    expect(Array.from(samples!, (value) => Number(value.toFixed(1)))).toEqual([0.5, -0.5]);
  });

  it("returns every frame exactly once while the bytes arrive in odd pieces", () => {
    const frames = Array.from({ length: 101 }, (_, index) => [Math.sin(index), Math.cos(index)]);
    const wav = makeWav(frames);
    const decoder = new PcmStreamDecoder();
    let total = 0;
    for (let length = 0; length <= wav.length; length += 7) total += decoder.read(wav.subarray(0, length))?.frames ?? 0;
    total += decoder.read(wav)?.frames ?? 0;
    expect(total).toBe(101);
    expect(decoder.announcedDuration).toBeCloseTo(101 / 8_000);
    expect(decoder.decodedDuration).toBeCloseTo(101 / 8_000);
  });

  it("reads headerless PCM described by its MIME type", () => {
    expect(pcmFormatOfMimeType("audio/L16;rate=16000;channels=2")).toEqual({ encoding: "int", bitsPerSample: 16, sampleRate: 16_000, channels: 2 });
    expect(pcmFormatOfMimeType("audio/pcm")).toMatchObject({ sampleRate: 24_000, channels: 1 });
    expect(pcmFormatOfMimeType("audio/mpeg")).toBeUndefined();
    const decoder = new PcmStreamDecoder(pcmFormatOfMimeType("audio/pcm"));
    expect(decoder.read(new Uint8Array([0, 64, 0, 192, 7]))?.frames).toBe(2);
  });
});
