/**
 * One media block (image, audio, video, file) being assembled from base64 chunks.
 */
import type { Namespace } from "../protocol/types";
import { Base64StreamDecoder } from "./base64-decoder";
import type { MediaKind } from "./content-blocks";
import type { AssemblyStatus } from "./types";

/** Why a media item failed. */
export type MediaFailureReason = "message-error" | "stream-closed" | "fetch-failed";

/**
 * A media item that cannot complete; carries the bytes received so far.
 *
 * @example
 * if (item.error instanceof MediaAssemblyError) console.warn(item.error.reason, item.error.partialBytes);
 */
export class MediaAssemblyError extends Error {
  override readonly name = "MediaAssemblyError";
  readonly reason: MediaFailureReason;
  readonly partialBytes: Uint8Array;

  constructor(reason: MediaFailureReason, message: string, partialBytes: Uint8Array = new Uint8Array(0)) {
    super(message);
    this.reason = reason;
    this.partialBytes = partialBytes;
  }
}

/**
 * A media block of a streamed message. Live: the assembler updates it in place and bumps
 * `version`. URL-backed items (`url` set, no inline data) are not fetched here.
 *
 * @example
 * if (item.status === "complete" && item.url === undefined) img.src = URL.createObjectURL(item.blob());
 */
export interface MediaItem {
  /** Stable key: `<message id or synthetic key>:<block index>:<kind>`. */
  readonly key: string;
  readonly messageId: string | undefined;
  readonly namespace: Namespace;
  readonly index: number;
  readonly kind: MediaKind;
  readonly mimeType: string | undefined;
  readonly url: string | undefined;
  /** Base64 text received so far (data-URL prefix removed). */
  readonly base64: string;
  /** Audio transcript, concatenated from fragments. */
  readonly transcript: string | undefined;
  readonly status: AssemblyStatus;
  readonly error: MediaAssemblyError | undefined;
  readonly byteLength: number;
  readonly version: number;
  /** Bytes decoded so far. The same array until `version` changes; do not mutate. */
  partialBytes(): Uint8Array;
  /** The complete bytes as a `Blob` typed with `mimeType`; throws unless `status` is `"complete"`. */
  blob(): Blob;
}

/** Where a media item lives. */
export interface MediaItemOrigin {
  key: string;
  messageId: string | undefined;
  namespace: Namespace;
  index: number;
  kind: MediaKind;
}

const DATA_URL_PATTERN = /^data:([^;,]*)(?:;[^,]*)?;base64,/;

export class MediaItemState implements MediaItem {
  readonly key: string;
  readonly messageId: string | undefined;
  readonly namespace: Namespace;
  readonly index: number;
  readonly kind: MediaKind;
  mimeType: string | undefined;
  url: string | undefined;
  base64 = "";
  transcript: string | undefined;
  status: AssemblyStatus = "streaming";
  error: MediaAssemblyError | undefined;
  byteLength = 0;
  version = 0;

  readonly #decoder = new Base64StreamDecoder();
  /** Decoded chunks; compacted into one array when `partialBytes()` is read. */
  #chunks: Uint8Array[] = [];
  #blob: Blob | undefined;

  constructor(origin: MediaItemOrigin) {
    this.key = origin.key;
    this.messageId = origin.messageId;
    this.namespace = origin.namespace;
    this.index = origin.index;
    this.kind = origin.kind;
  }

  get isUrlBacked(): boolean {
    return this.url !== undefined && this.base64 === "";
  }

  partialBytes(): Uint8Array {
    if (this.#chunks.length === 1) return this.#chunks[0] ?? new Uint8Array(0);
    const bytes = new Uint8Array(this.byteLength);
    let offset = 0;
    for (const chunk of this.#chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    this.#chunks = [bytes];
    return bytes;
  }

  blob(): Blob {
    if (this.status !== "complete") {
      throw new Error(`Media item ${this.key} is ${this.status}; read partialBytes() until it completes.`);
    }
    if (this.isUrlBacked) {
      throw new Error(`Media item ${this.key} is URL-backed; fetch item.url instead of calling blob().`);
    }
    this.#blob ??= new Blob([this.partialBytes() as Uint8Array<ArrayBuffer>], { type: this.mimeType ?? "" });
    return this.#blob;
  }

  /**
   * Applies a media block or block-delta fields. `start` and `delta` append their data;
   * `finish` is a sync point whose data is only used beyond what already arrived.
   * Returns whether anything changed.
   */
  applyBlock(block: Record<string, unknown>, mode: "start" | "delta" | "finish"): boolean {
    if (this.status !== "streaming") return false;
    let changed = false;
    const mimeType = block.mime_type ?? block.mimeType;
    if (typeof mimeType === "string" && mimeType !== this.mimeType) {
      this.mimeType = mimeType;
      changed = true;
    }
    if (typeof block.url === "string" && this.base64 === "" && block.url !== this.url) {
      this.url = block.url;
      changed = true;
    }
    const data = block.data ?? block.base64;
    if (typeof data === "string") {
      changed = (mode === "finish" ? this.#syncBase64(data) : this.#appendBase64(data)) || changed;
    }
    if (typeof block.transcript === "string") {
      this.transcript = mode === "delta" ? (this.transcript ?? "") + block.transcript : block.transcript;
      changed = true;
    }
    if (changed) this.version += 1;
    return changed;
  }

  /** Appends base64 text (a leading data-URL prefix is stripped and its MIME type kept). */
  #appendBase64(text: string): boolean {
    if (this.isUrlBacked || text === "") return false;
    let data = text;
    if (this.base64 === "" && data.startsWith("data:")) {
      const prefix = DATA_URL_PATTERN.exec(data);
      if (prefix) {
        if (this.mimeType === undefined && prefix[1]) this.mimeType = prefix[1];
        data = data.slice(prefix[0].length);
      }
    }
    this.base64 += data;
    this.#pushBytes(this.#decoder.push(data));
    return true;
  }

  /** Decodes only the part of the final data beyond what already arrived. */
  #syncBase64(fullText: string): boolean {
    if (this.base64 === "") return this.#appendBase64(fullText);
    const full = fullText.startsWith("data:") ? fullText.replace(DATA_URL_PATTERN, "") : fullText;
    if (full.length <= this.base64.length) return false;
    return this.#appendBase64(full.slice(this.base64.length));
  }

  complete(): boolean {
    if (this.status !== "streaming") return false;
    this.#pushBytes(this.#decoder.end());
    this.status = "complete";
    this.version += 1;
    return true;
  }

  fail(reason: MediaFailureReason, message: string): boolean {
    if (this.status !== "streaming") return false;
    this.error = new MediaAssemblyError(reason, message, this.partialBytes());
    this.status = "error";
    this.version += 1;
    return true;
  }

  #pushBytes(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.#chunks.push(bytes);
    this.byteLength += bytes.length;
  }
}
