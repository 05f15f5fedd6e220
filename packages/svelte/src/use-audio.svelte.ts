/**
 * `useAudio`: audio blocks streamed at the root or a namespace.
 */
import type { MediaProjectionOptions, MediaSnapshot } from "@agent-stream/core";
import { mediaSelector } from "./internal/media-selector.js";
import type { ReactiveValue } from "./reactive-value.js";
import type { SelectorTarget, ValueOrGetter } from "./selector-target.js";
import type { StreamSource } from "./stream-handle.js";

/**
 * Audio blocks streamed at `target` (default: the root) and by its nodes; play one with `useAudioPlayer`.
 *
 * @example
 * const audio = useAudio(stream);
 * const player = useAudioPlayer(() => audio.current.at(-1));
 */
export function useAudio(
  stream: StreamSource<any>,
  target?: ValueOrGetter<SelectorTarget>,
  options: MediaProjectionOptions = {},
): ReactiveValue<readonly MediaSnapshot[]> {
  return mediaSelector("audio", stream, target, options);
}
