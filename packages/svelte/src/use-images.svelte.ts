/**
 * `useImages`: image blocks streamed at the root or a namespace.
 */
import type { MediaProjectionOptions, MediaSnapshot } from "@agent-stream/core";
import { mediaSelector } from "./internal/media-selector.js";
import type { ReactiveValue } from "./reactive-value.js";
import type { SelectorTarget, ValueOrGetter } from "./selector-target.js";
import type { StreamSource } from "./stream-handle.js";

/**
 * Image blocks streamed at `target` (default: the root) and by its nodes, oldest first; show one with `useMediaURL`.
 *
 * @example
 * const images = useImages(stream);
 * // {#each images.current as image (image.key)}<Image {image} />{/each}
 */
export function useImages(
  stream: StreamSource<any>,
  target?: ValueOrGetter<SelectorTarget>,
  options: MediaProjectionOptions = {},
): ReactiveValue<readonly MediaSnapshot[]> {
  return mediaSelector("image", stream, target, options);
}
