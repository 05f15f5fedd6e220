import { describe, expect, it } from "vitest";
import { Base64StreamDecoder } from "./base64-decoder";
import { MediaAssembler } from "./media-assembler";
import { MediaAssemblyError, type MediaItem } from "./media-item";
import {
  blockDeltaEvent,
  blockFinishEvent,
  blockStartEvent,
  deltaEvent,
  messagesEvent,
} from "./test-support/events";

const MODEL = { namespace: ["model_request:media"] };

/** Deterministic bytes covering every value. */
function sampleBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let position = 0; position < length; position += 1) bytes[position] = (position * 97 + 13) % 256;
  return bytes;
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64");
}

/** Splits `text` into chunks of cycling odd sizes (1, 2, 3, 5, 7, 11). */
function oddChunks(text: string): string[] {
  const sizes = [1, 2, 3, 5, 7, 11];
  const chunks: string[] = [];
  for (let position = 0, step = 0; position < text.length; step += 1) {
    const size = sizes[step % sizes.length] ?? 1;
    chunks.push(text.slice(position, position + size));
    position += size;
  }
  return chunks;
}

function startImage(media: MediaAssembler, content: Record<string, unknown> = {}): MediaItem | undefined {
  media.consume(messagesEvent({ event: "message-start", id: "msg-media" }, MODEL));
  return media.consume(
    blockStartEvent(0, { type: "image", mime_type: "image/png", ...content }, MODEL),
  )[0];
}

describe("Base64StreamDecoder", () => {
  it("decodes chunks split inside 4-character groups", () => {
    const bytes = sampleBytes(1000);
    const decoder = new Base64StreamDecoder();
    const parts = oddChunks(toBase64(bytes)).map((chunk) => decoder.push(chunk));
    parts.push(decoder.end());
    expect(Buffer.concat(parts)).toEqual(Buffer.from(bytes));
  });

  it("decodes concatenated padded segments, URL-safe characters and line breaks", () => {
    const decoder = new Base64StreamDecoder();
    const decoded = [decoder.push("aGk="), decoder.push("aGk=\n"), decoder.push("-_8"), decoder.end()];
    expect(Buffer.concat(decoded)).toEqual(Buffer.concat([Buffer.from("hihi"), Buffer.from([0xfb, 0xff])]));
  });
});

describe("MediaAssembler", () => {
  it("assembles identical bytes from base64 split at odd boundaries", () => {
    const bytes = sampleBytes(4099);
    const media = new MediaAssembler();
    const item = startImage(media);
    for (const chunk of oddChunks(toBase64(bytes))) {
      media.consume(deltaEvent(0, { type: "data-delta", data: chunk }, MODEL));
    }
    expect(item?.status).toBe("streaming");
    media.consume(messagesEvent({ event: "message-finish", reason: "stop" }, MODEL));
    expect(item?.status).toBe("complete");
    expect(item?.partialBytes()).toEqual(bytes);
    expect(item?.key).toBe("msg-media:0:image");
    expect(item?.messageId).toBe("msg-media");
  });

  it("returns a typed blob once complete", async () => {
    const bytes = sampleBytes(10);
    const media = new MediaAssembler();
    const item = startImage(media, { data: toBase64(bytes) });
    expect(() => item?.blob()).toThrow(/partialBytes/);
    media.consume(messagesEvent({ event: "message-finish" }, MODEL));
    const blob = item?.blob();
    expect(blob?.type).toBe("image/png");
    expect(new Uint8Array((await blob?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(bytes);
  });

  it("does not double count bytes echoed by content-block-finish", () => {
    const bytes = sampleBytes(300);
    const encoded = toBase64(bytes);
    const media = new MediaAssembler();
    const item = startImage(media, { data: encoded.slice(0, 100) });
    media.consume(blockDeltaEvent(0, { data: encoded.slice(100, 250) }, MODEL));
    media.consume(blockFinishEvent(0, { type: "image", data: encoded }, MODEL));
    media.consume(messagesEvent({ event: "message-finish" }, MODEL));
    expect(item?.partialBytes()).toEqual(bytes);
    expect(item?.byteLength).toBe(300);
  });

  it("exposes URL-backed media without fetching and ignores later data", () => {
    const media = new MediaAssembler();
    const item = startImage(media, { url: "https://example.com/cat.png" });
    media.consume(deltaEvent(0, { type: "data-delta", data: "AAAA" }, MODEL));
    media.consume(messagesEvent({ event: "message-finish" }, MODEL));
    expect(item?.url).toBe("https://example.com/cat.png");
    expect(item?.byteLength).toBe(0);
    expect(item?.status).toBe("complete");
    expect(() => item?.blob()).toThrow(/fetch item.url/);
  });

  it("fails items of an errored message with their partial bytes", () => {
    const bytes = sampleBytes(30);
    const media = new MediaAssembler();
    const item = startImage(media, { data: toBase64(bytes) });
    const failed = media.consume(messagesEvent({ event: "error", message: "provider hung up" }, MODEL));
    expect(failed).toEqual([item]);
    expect(item?.status).toBe("error");
    expect(item?.error).toBeInstanceOf(MediaAssemblyError);
    expect(item?.error?.reason).toBe("message-error");
    expect(item?.error?.message).toBe("provider hung up");
    expect(item?.error?.partialBytes).toEqual(bytes);
  });

  it("fails only unfinished items on closeAll", () => {
    const media = new MediaAssembler();
    const done = startImage(media, { data: "AAEC" });
    media.consume(messagesEvent({ event: "message-finish" }, MODEL));
    media.consume(messagesEvent({ event: "message-start", id: "second" }, { namespace: ["other:1"] }));
    const open = media.consume(
      blockStartEvent(0, { type: "audio", data: "AAEC" }, { namespace: ["other:1"] }),
    )[0];
    expect(media.closeAll()).toEqual([open]);
    expect(open?.error?.reason).toBe("stream-closed");
    expect(open?.error?.partialBytes).toEqual(new Uint8Array([0, 1, 2]));
    expect(done?.status).toBe("complete");
  });

  it("creates items from a typed block-delta or a finish when the start was missed", () => {
    const media = new MediaAssembler();
    const audioFields = { type: "audio", data: "AAEC", mimeType: "audio/wav" };
    const fromDelta = media.consume(blockDeltaEvent(0, audioFields, MODEL))[0];
    expect(fromDelta?.kind).toBe("audio");
    expect(fromDelta?.mimeType).toBe("audio/wav");
    expect(fromDelta?.messageId).toBeUndefined();
    const fromFinish = media.consume(
      blockFinishEvent(1, { type: "file", data: "AAEC", mime_type: "application/pdf" }, MODEL),
    )[0];
    expect(fromFinish?.kind).toBe("file");
    expect(fromFinish?.partialBytes()).toEqual(new Uint8Array([0, 1, 2]));
  });

  it("keeps separate items for several media blocks and concatenates audio transcripts", () => {
    const media = new MediaAssembler();
    media.consume(messagesEvent({ event: "message-start", id: "multi" }, MODEL));
    const image = media.consume(blockStartEvent(0, { type: "image", data: "AAEC" }, MODEL))[0];
    const audio = media.consume(
      blockStartEvent(1, { type: "audio", data: "AwQF", transcript: "Hel" }, MODEL),
    )[0];
    media.consume(blockDeltaEvent(1, { transcript: "lo" }, MODEL));
    media.consume(messagesEvent({ event: "message-finish" }, MODEL));
    expect(media.items()).toEqual([image, audio]);
    expect(image?.partialBytes()).toEqual(new Uint8Array([0, 1, 2]));
    expect(audio?.partialBytes()).toEqual(new Uint8Array([3, 4, 5]));
    expect(audio?.transcript).toBe("Hello");
  });

  it("accepts `base64` payloads and data URLs", () => {
    const media = new MediaAssembler();
    const fromBase64 = startImage(media, { base64: "AAEC" });
    expect(fromBase64?.partialBytes()).toEqual(new Uint8Array([0, 1, 2]));
    media.consume(messagesEvent({ event: "message-start", id: "data-url" }, MODEL));
    const fromDataUrl = media.consume(
      blockStartEvent(0, { type: "image", data: "data:image/jpeg;base64,AAEC" }, MODEL),
    )[0];
    expect(fromDataUrl?.mimeType).toBe("image/jpeg");
    expect(fromDataUrl?.partialBytes()).toEqual(new Uint8Array([0, 1, 2]));
  });

  it("ignores non-media blocks", () => {
    const media = new MediaAssembler();
    media.consume(messagesEvent({ event: "message-start", id: "text-only" }, MODEL));
    expect(media.consume(blockStartEvent(0, { type: "text", text: "" }, MODEL))).toEqual([]);
    expect(media.consume(deltaEvent(0, { type: "text-delta", text: "hi" }, MODEL))).toEqual([]);
    expect(media.items()).toEqual([]);
  });
});
