/**
 * Tracks media blocks (image, audio, video, file) of streamed messages as {@link MediaItem}s.
 */
import type { Namespace, ProtocolEvent } from "../protocol/types";
import { messageAddress } from "./address";
import { asContentBlock, isMediaKind } from "./content-blocks";
import { isRecord } from "./json";
import { MediaItemState, type MediaItem } from "./media-item";

interface MediaMessage {
  key: string;
  id: string | undefined;
  namespace: Namespace;
  /** Block index → the media item at that index. */
  items: Map<number, MediaItemState>;
}

const NOTHING: readonly MediaItem[] = Object.freeze([]);

/** Which fields of a content-block event describe media, and how to apply them. */
interface MediaChange {
  index: number;
  fields: Record<string, unknown>;
  mode: "start" | "delta" | "finish";
  /** The media kind when the event names one; otherwise only an existing item is updated. */
  kind: string | undefined;
}

function readIndex(data: Record<string, unknown>): number | undefined {
  const index = data.index;
  return typeof index === "number" && Number.isInteger(index) && index >= 0 ? index : undefined;
}

function readMediaChange(data: Record<string, unknown>): MediaChange | undefined {
  const index = readIndex(data);
  if (index === undefined) return undefined;
  const content = asContentBlock(data.content);
  if (data.event === "content-block-start" || data.event === "content-block-finish") {
    if (content === undefined) return undefined;
    const mode = data.event === "content-block-start" ? "start" : "finish";
    return { index, fields: content, mode, kind: content.type };
  }
  const delta = data.delta;
  if (!isRecord(delta)) {
    return content ? { index, fields: content, mode: "delta", kind: content.type } : undefined;
  }
  if (delta.type === "data-delta") {
    return { index, fields: { data: delta.data }, mode: "delta", kind: undefined };
  }
  if (delta.type === "block-delta" && isRecord(delta.fields)) {
    const kind = typeof delta.fields.type === "string" ? delta.fields.type : undefined;
    return { index, fields: delta.fields, mode: "delta", kind };
  }
  return undefined;
}

/**
 * Assembles media blocks from `messages` events: base64 decoded incrementally, completed on
 * `message-finish`, failed on a message `error` or {@link MediaAssembler.closeAll}. Pure and
 * synchronous; URL-backed blocks expose `url` and are not fetched.
 *
 * @example
 * const media = new MediaAssembler();
 * for (const item of media.consume(event)) if (item.status === "complete") show(item.blob());
 */
export class MediaAssembler {
  readonly #active = new Map<string, MediaMessage>();
  readonly #items = new Map<string, MediaItemState>();
  #anonymousMessages = 0;

  /** Applies one event; returns the media items it changed (often none). */
  consume(event: ProtocolEvent): readonly MediaItem[] {
    if (event.method !== "messages") return NOTHING;
    const params = event.params;
    const data: unknown = params?.data;
    if (!isRecord(data)) return NOTHING;
    const namespace: Namespace = Array.isArray(params.namespace) ? params.namespace : [];
    const address = messageAddress(namespace, typeof params.node === "string" ? params.node : undefined);
    switch (data.event) {
      case "message-start": {
        // A new message on the same address finalizes the previous one's media.
        const finished = this.#settle(address, (item) => item.complete());
        const id = typeof data.id === "string" ? data.id : undefined;
        this.#active.set(address, { key: id ?? this.#anonymousKey(), id, namespace, items: new Map() });
        return finished;
      }
      case "content-block-start":
      case "content-block-delta":
      case "content-block-finish":
        return this.#applyBlock(address, namespace, data);
      case "message-finish":
        return this.#settle(address, (item) => item.complete());
      case "error": {
        const message = typeof data.message === "string" ? data.message : "Message stream failed";
        return this.#settle(address, (item) => item.fail("message-error", message));
      }
      default:
        return NOTHING;
    }
  }

  /** Fails every unfinished item with reason `"stream-closed"`; returns the items failed. */
  closeAll(message = "The stream closed before the media finished"): readonly MediaItem[] {
    const failed: MediaItem[] = [];
    for (const item of this.#items.values()) if (item.fail("stream-closed", message)) failed.push(item);
    this.#active.clear();
    return failed;
  }

  /** The item with this key, if any. */
  get(key: string): MediaItem | undefined {
    return this.#items.get(key);
  }

  /** Every item seen, in arrival order. */
  items(): MediaItem[] {
    return [...this.#items.values()];
  }

  /** Forgets every item. */
  reset(): void {
    this.#active.clear();
    this.#items.clear();
  }

  #anonymousKey(): string {
    this.#anonymousMessages += 1;
    return `anonymous-message-${this.#anonymousMessages}`;
  }

  #applyBlock(address: string, namespace: Namespace, data: Record<string, unknown>): readonly MediaItem[] {
    const change = readMediaChange(data);
    if (change === undefined) return NOTHING;
    const message = this.#active.get(address);
    let item = message?.items.get(change.index);
    if (isMediaKind(change.kind) && (item === undefined || item.kind !== change.kind)) {
      item = this.#createItem(address, namespace, change.index, change.kind);
    } else if (change.kind !== undefined && !isMediaKind(change.kind)) {
      return NOTHING;
    }
    return item?.applyBlock(change.fields, change.mode) ? [item] : NOTHING;
  }

  #createItem(
    address: string,
    namespace: Namespace,
    index: number,
    kind: MediaItemState["kind"],
  ): MediaItemState {
    let message = this.#active.get(address);
    if (message === undefined) {
      // The start was missed (late subscriber): track the media under a synthetic key.
      message = { key: this.#anonymousKey(), id: undefined, namespace, items: new Map() };
      this.#active.set(address, message);
    }
    const key = `${message.key}:${index}:${kind}`;
    // A re-emitted message reuses its settled items instead of streaming them again.
    const item =
      this.#items.get(key) ?? new MediaItemState({ key, messageId: message.id, namespace, index, kind });
    this.#items.set(key, item);
    message.items.set(index, item);
    return item;
  }

  /** Settles the open message's items with `settle` and closes the message. */
  #settle(address: string, settle: (item: MediaItemState) => boolean): readonly MediaItem[] {
    const message = this.#active.get(address);
    if (message === undefined) return NOTHING;
    this.#active.delete(address);
    const settled: MediaItem[] = [];
    for (const item of message.items.values()) if (settle(item)) settled.push(item);
    return settled.length > 0 ? settled : NOTHING;
  }
}
