/**
 * `useVideo`: video blocks streamed at the root or a namespace.
 */
import type { MediaProjectionOptions, MediaSnapshot } from "@agent-stream/core";
import { mediaSelector } from "./internal/media-selector.js";
import type { ReactiveValue } from "./reactive-value.js";
import type { SelectorTarget, ValueOrGetter } from "./selector-target.js";
import type { StreamSource } from "./stream-handle.js";

/**
 * Video blocks streamed at `target` (default: the root) and by its nodes; play one with `useVideoPlayer`.
 *
 * @example
 * const videos = useVideo(stream);
 * const player = useVideoPlayer(() => videoElement, () => videos.current[0]);
 */
export function useVideo(
  stream: StreamSource<any>,
  target?: ValueOrGetter<SelectorTarget>,
  options: MediaProjectionOptions = {},
): ReactiveValue<readonly MediaSnapshot[]> {
  return mediaSelector("video", stream, target, options);
}
