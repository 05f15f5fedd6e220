/**
 * `useMediaURL`: an object URL for a finished media block.
 */
import type { MediaSnapshot } from "@agent-stream/core";
import type { ReactiveValue } from "./reactive-value.js";
import { readValue, type ValueOrGetter } from "./selector-target.js";

/** What `useMediaURL` needs of a media block (a `MediaSnapshot` fits). */
export type MediaURLSource = Pick<MediaSnapshot, "key" | "objectURL">;

/** Resolves each media block's object URL once and remembers it (raw state, never proxied). */
class MediaUrl implements ReactiveValue<string | undefined> {
  readonly #media: ValueOrGetter<MediaURLSource | undefined>;
  #resolved: { readonly key: string; readonly url: string } | undefined = $state.raw(undefined);
  #requested: string | undefined;

  constructor(media: ValueOrGetter<MediaURLSource | undefined>) {
    this.#media = media;
  }

  get current(): string | undefined {
    const media = readValue(this.#media);
    if (media === undefined) return undefined;
    const resolved = this.#resolved;
    if (resolved?.key === media.key) return resolved.url;
    // objectURL() settles once the block is complete; asking early costs nothing.
    if (this.#requested !== media.key) this.#request(media);
    return undefined;
  }

  #request(media: MediaURLSource): void {
    const key = media.key;
    this.#requested = key;
    media.objectURL().then(
      (url) => {
        if (this.#requested === key) this.#resolved = { key, url };
      },
      () => {
        // Released (its projection was let go) or failed: the block's `error` tells why; a later read asks again.
        if (this.#requested === key) this.#requested = undefined;
      },
    );
  }
}

/**
 * The object URL of `media` once it is complete (`undefined` before), for `<img src>`,
 * `<audio src>` or a download link. The URL is created once per block and revoked by the core when
 * the media selector that produced the block is released.
 *
 * @example
 * let { image } = $props();
 * const url = useMediaURL(() => image);
 * // {#if url.current}<img src={url.current} alt="" />{/if}
 */
export function useMediaURL(media: ValueOrGetter<MediaURLSource | undefined>): ReactiveValue<string | undefined> {
  return new MediaUrl(media);
}
