import type { MediaKind } from "../../assembly/content-blocks";
import { MediaAssembler } from "../../assembly/media-assembler";
import { MediaAssemblyError, type MediaItem } from "../../assembly/media-item";
import { AsyncQueue } from "../async-queue";
import { IterableResult } from "./deferred-iterable";
import { openRunReader, type ProjectionHost } from "./run-reader";

/**
 * One media block (image, audio, video or file) as it streams: bytes so far, a byte stream,
 * and the finished `Blob` / object URL. URL-backed blocks are fetched on demand.
 *
 * @example
 * for await (const image of thread.images) img.src = await image.objectURL();
 */
export class MediaHandle {
  readonly #chunks = new AsyncQueue<Uint8Array>();
  readonly #done: Promise<void>;
  #settle!: { resolve(): void; reject(error: unknown): void };
  #sentBytes = 0;
  #blob: Promise<Blob> | undefined;
  #objectUrl: string | undefined;
  #settled = false;

  constructor(
    /** The live assembled item (kind, mime type, url, status, error). */
    readonly item: MediaItem,
  ) {
    this.#done = new Promise<void>((resolve, reject) => (this.#settle = { resolve, reject }));
    this.#done.catch(() => undefined);
  }

  get kind(): MediaKind {
    return this.item.kind;
  }
  get mimeType(): string | undefined {
    return this.item.mimeType;
  }
  get url(): string | undefined {
    return this.item.url;
  }

  /** Bytes received so far (empty for URL-backed media). */
  partialBytes(): Uint8Array {
    return this.item.partialBytes();
  }

  /** The bytes as they arrive, in order; ends when the block finishes. Read once. */
  stream(): AsyncIterable<Uint8Array> {
    return this.#chunks;
  }

  /** The finished media; URL-backed media is fetched. Rejects with `MediaAssemblyError`. */
  blob(): Promise<Blob> {
    this.#blob ??= this.#done.then(async () => {
      if (this.item.url && this.item.byteLength === 0) {
        try {
          const response = await fetch(this.item.url);
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          return await response.blob();
        } catch (cause) {
          throw new MediaAssemblyError("fetch-failed", `Could not fetch ${this.item.url}: ${String(cause)}`, new Uint8Array());
        }
      }
      return this.item.blob();
    });
    return this.#blob;
  }

  /** An object URL for the finished media; revoke it with `revoke()` when done. */
  async objectURL(): Promise<string> {
    const blob = await this.blob();
    this.#objectUrl ??= URL.createObjectURL(blob);
    return this.#objectUrl;
  }

  /** Revokes the object URL, if one was made. */
  revoke(): void {
    if (this.#objectUrl) URL.revokeObjectURL(this.#objectUrl);
    this.#objectUrl = undefined;
  }

  /** @internal Called after the assembler touched the item. */
  update(): void {
    if (this.#settled) return;
    if (this.item.byteLength > this.#sentBytes) {
      this.#chunks.push(this.item.partialBytes().slice(this.#sentBytes));
      this.#sentBytes = this.item.byteLength;
    }
    if (this.item.status === "complete") {
      this.#settled = true;
      this.#chunks.end();
      this.#settle.resolve();
    } else if (this.item.status === "error") {
      this.#settled = true;
      const error = this.item.error ?? new MediaAssemblyError("message-error", "media failed", this.item.partialBytes());
      this.#chunks.fail(error);
      this.#settle.reject(error);
    }
  }
}

/** Media of one kind from anywhere in the current run; awaitable for the full list. */
export function openMediaReader(host: ProjectionHost, kind: MediaKind): IterableResult<MediaHandle, MediaHandle[]> {
  const reader = new IterableResult<MediaHandle, MediaHandle[]>();
  const assembler = new MediaAssembler();
  const handles = new Map<string, MediaHandle>();
  const touch = (items: readonly MediaItem[]) => {
    for (const item of items) {
      if (item.kind !== kind) continue;
      let handle = handles.get(item.key);
      if (!handle) {
        handle = new MediaHandle(item);
        handles.set(item.key, handle);
        reader.push(handle);
      }
      handle.update();
    }
  };
  openRunReader(host, {
    scope: [],
    filter: { channels: ["messages"] },
    onEvent(event) {
      if (event.method === "messages") touch(assembler.consume(event));
    },
    onEnd(outcome) {
      touch(assembler.closeAll());
      if (outcome.error) reader.fail(outcome.error);
      else reader.finish([...handles.values()]);
    },
  });
  return reader;
}
