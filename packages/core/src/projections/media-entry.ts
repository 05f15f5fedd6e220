/**
 * Immutable views of streamed media items, with their finished `Blob` and object URL.
 */
import { resolveFetch } from "../transport/http";
import type { MediaKind } from "../assembly/content-blocks";
import { MediaAssemblyError, type MediaItem } from "../assembly/media-item";
import type { AssemblyStatus } from "../assembly/types";
import type { Namespace } from "../protocol/types";
import type { FetchLike } from "../transport/adapter";

/**
 * One media block (image, audio, video or file) of a streamed message, as of one moment: a new
 * object whenever the block changes (more bytes, finished, failed), the same object otherwise.
 *
 * @example
 * const image = store.getSnapshot()[0];
 * if (image?.status === "complete") img.src = await image.objectURL();
 */
export interface MediaSnapshot {
  /** Stable across versions: `<message id>:<block index>:<kind>`. */
  readonly key: string;
  readonly kind: MediaKind;
  readonly messageId: string | undefined;
  readonly namespace: Namespace;
  readonly index: number;
  readonly mimeType: string | undefined;
  /** Set for URL-backed blocks (no inline data); `blob()` fetches it. */
  readonly url: string | undefined;
  readonly status: AssemblyStatus;
  /** Why the block cannot complete, with the bytes received (`error.partialBytes`). */
  readonly error: MediaAssemblyError | undefined;
  /** Bytes received so far. */
  readonly byteLength: number;
  /** Audio transcript so far. */
  readonly transcript: string | undefined;
  /** Increments with every change of the block. */
  readonly version: number;
  /** The `byteLength` bytes received as of this version (do not mutate). */
  partialBytes(): Uint8Array;
  /** The finished media, typed with `mimeType`; URL-backed media is fetched. Rejects with `MediaAssemblyError`. */
  blob(): Promise<Blob>;
  /** An object URL of `blob()`, created once and revoked when the projection is released. */
  objectURL(): Promise<string>;
}

interface Settlement {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function settlement(): Settlement {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((onResolve, onReject) => ((resolve = onResolve), (reject = onReject)));
  promise.catch(() => undefined); // Read through blob(); nobody may be waiting.
  return { promise, resolve, reject };
}

/**
 * The state behind a media item's views: completion, the fetched or assembled `Blob`, and the
 * object URL (revoked by `release`).
 *
 * @example
 * const entry = new MediaEntry(item, fetch);
 * if (entry.update()) publish(entry.view);
 */
export class MediaEntry {
  readonly item: MediaItem;
  readonly #fetch: FetchLike | undefined;
  readonly #settlement = settlement();
  #view: MediaSnapshot | undefined;
  #blob: Promise<Blob> | undefined;
  #objectUrl: Promise<string> | undefined;
  #createdUrl: string | undefined;
  #released = false;

  constructor(item: MediaItem, fetch: FetchLike | undefined) {
    this.item = item;
    this.#fetch = fetch;
  }

  /** The view of the item's current version (the same object until it changes). */
  get view(): MediaSnapshot {
    const item = this.item;
    if (this.#view === undefined || this.#view.version !== item.version) this.#view = this.#buildView();
    return this.#view;
  }

  /** Settles `blob()` once the item finished or failed. */
  update(): void {
    if (this.item.status === "complete") this.#settlement.resolve();
    else if (this.item.status === "error") this.#settlement.reject(this.#failure());
  }

  /** Revokes the object URL; later `objectURL()` calls reject. */
  release(): void {
    this.#released = true;
    if (this.#createdUrl !== undefined) URL.revokeObjectURL(this.#createdUrl);
    this.#createdUrl = undefined;
  }

  blob(): Promise<Blob> {
    if (this.#blob === undefined) {
      this.#blob = this.#settlement.promise.then(() => this.#finishedBlob());
      // Shared by every view: a caller may read it later, so a failure is not "unhandled" meanwhile.
      this.#blob.catch(() => undefined);
    }
    return this.#blob;
  }

  objectURL(): Promise<string> {
    if (this.#released) return Promise.reject(releasedError());
    if (this.#objectUrl === undefined) {
      this.#objectUrl = this.blob().then((blob) => {
        if (this.#released) throw releasedError();
        this.#createdUrl = URL.createObjectURL(blob);
        return this.#createdUrl;
      });
      this.#objectUrl.catch(() => undefined); // Like blob(): read later by any view.
    }
    return this.#objectUrl;
  }

  #failure(): MediaAssemblyError {
    return (
      this.item.error ??
      new MediaAssemblyError("message-error", `Media ${this.item.key} failed`, this.item.partialBytes())
    );
  }

  async #finishedBlob(): Promise<Blob> {
    const item = this.item;
    if (item.url === undefined || item.byteLength > 0) return item.blob();
    const fetcher = resolveFetch(this.#fetch);
    let blob: Blob;
    try {
      const response = await fetcher(item.url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      blob = await response.blob();
    } catch (cause) {
      throw new MediaAssemblyError("fetch-failed", `Could not fetch ${item.url}: ${String(cause)}`);
    }
    return blob.type === "" && item.mimeType !== undefined ? new Blob([blob], { type: item.mimeType }) : blob;
  }

  #buildView(): MediaSnapshot {
    const item = this.item;
    const byteLength = item.byteLength;
    return Object.freeze({
      key: item.key,
      kind: item.kind,
      messageId: item.messageId,
      namespace: item.namespace,
      index: item.index,
      mimeType: item.mimeType,
      url: item.url,
      status: item.status,
      error: item.error,
      byteLength,
      transcript: item.transcript,
      version: item.version,
      partialBytes: () => item.partialBytes().subarray(0, byteLength),
      blob: () => this.blob(),
      objectURL: () => this.objectURL(),
    });
  }
}

function releasedError(): Error {
  return new Error("This media projection was released; acquire it again to get an object URL.");
}
