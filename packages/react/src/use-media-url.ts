"use client";
/**
 * `useMediaURL`: an object URL for a finished media block.
 */
import type { MediaSnapshot } from "@agent-stream/core";
import { useEffect, useState } from "react";

/**
 * An object URL of `media` once it is complete (`undefined` before, or if it failed: see
 * `media.error`). The URL belongs to the media projection, which revokes it when the last
 * `useImages`/`useAudio`/... consumer unmounts.
 *
 * @example
 * function Image({ media }: { media: MediaSnapshot }) {
 *   const src = useMediaURL(media);
 *   return src === undefined ? <Spinner /> : <img src={src} alt="" />;
 * }
 */
export function useMediaURL(media: MediaSnapshot | undefined): string | undefined {
  const [loaded, setLoaded] = useState<{ media: MediaSnapshot; url: string } | undefined>(undefined);
  useEffect(() => {
    if (media === undefined) return;
    let current = true;
    media.objectURL().then(
      (url) => {
        if (current) setLoaded({ media, url });
      },
      () => {
        // A failed block has no URL; its error is on `media.error` for the caller to show.
      },
    );
    return () => {
      current = false;
    };
    // Every version of one block shares one URL: wait again only for another block.
  }, [media?.key]);
  return media !== undefined && loaded?.media.key === media.key ? loaded.url : undefined;
}
