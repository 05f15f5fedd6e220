/**
 * `useMediaURL`: an object URL for a streamed media block.
 */
import type { MediaSnapshot } from "@agent-stream/core";
import { shallowReadonly, shallowRef, toValue, watch, type MaybeRefOrGetter, type ShallowRef } from "vue";

/** What `useMediaURL` needs of a media snapshot. */
export type MediaURLSource = Pick<MediaSnapshot, "key" | "objectURL">;

/**
 * An object URL of `media` once it finished streaming; `undefined` before, when it failed, and
 * when `media` is `undefined`. Follows `media` (a ref or getter): another block resets it. The URL
 * belongs to the media projection (`useImages` & co.) and is revoked when that is released.
 *
 * @example
 * const props = defineProps<{ image: MediaSnapshot }>();
 * const src = useMediaURL(() => props.image);
 * // <img v-if="src" :src="src" />
 */
export function useMediaURL(media: MaybeRefOrGetter<MediaURLSource | undefined>): Readonly<ShallowRef<string | undefined>> {
  const url = shallowRef<string | undefined>(undefined);
  // Every version of one block shares its URL: only another key asks again.
  watch(
    () => toValue(media)?.key,
    (key, _previous, onCleanup) => {
      url.value = undefined;
      const current = toValue(media);
      if (key === undefined || current === undefined) return;
      let stale = false;
      onCleanup(() => (stale = true));
      current.objectURL().then(
        (objectUrl) => {
          if (!stale) url.value = objectUrl;
        },
        () => undefined, // A failed block has no URL; its snapshot carries the error.
      );
    },
    { immediate: true, flush: "sync" },
  );
  return shallowReadonly(url);
}
