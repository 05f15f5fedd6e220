/**
 * `injectMediaUrl`: an object URL for a streamed media block.
 */
import type { MediaSnapshot } from "@agent-stream/core";
import { signal, type Signal } from "@angular/core";
import { bindingContext, watchValue, type InjectOptions } from "./internal/binding-context";
import { readValue, type MaybeSignal } from "./selector-target";

/** What `injectMediaUrl` needs of a media snapshot. */
export type MediaUrlSource = Pick<MediaSnapshot, "key" | "objectURL">;

/**
 * An object URL of `media` once it finished streaming; `undefined` before, when it failed, and
 * when `media` is `undefined`. Follows `media` (a `Signal` or function): another block resets it.
 * The URL belongs to the media projection (`injectImages` & co.) and is revoked when that is released.
 *
 * @example
 * readonly image = input.required<MediaSnapshot>();
 * readonly src = injectMediaUrl(this.image);
 * // @if (src(); as src) { <img [src]="src" /> }
 */
export function injectMediaUrl(media: MaybeSignal<MediaUrlSource | undefined>, options?: InjectOptions): Signal<string | undefined> {
  const context = bindingContext("injectMediaUrl", injectMediaUrl, options);
  const url = signal<string | undefined>(undefined);
  // Every version of one block shares its URL: only another key asks again.
  watchValue(
    () => readValue(media)?.key,
    (key, onCleanup) => {
      url.set(undefined);
      const current = readValue(media);
      if (key === undefined || current === undefined) return;
      let stale = false;
      onCleanup(() => (stale = true));
      current.objectURL().then(
        (objectUrl) => {
          if (!stale) url.set(objectUrl);
        },
        () => undefined, // A failed block has no URL; its snapshot carries the error.
      );
    },
    context,
  );
  return url.asReadonly();
}
