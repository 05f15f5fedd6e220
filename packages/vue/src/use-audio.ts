/**
 * `useAudio`: audio blocks streamed by the agent.
 */
import type { MediaProjectionOptions, MediaSnapshot } from "@agent-stream/core";
import type { ComputedRef, MaybeRefOrGetter } from "vue";
import { useMediaSelector } from "./internal/media-selector";
import type { SelectorTarget } from "./selector-target";
import type { StreamSource } from "./stream-handle";

/**
 * Audio blocks of the messages at `target` (default: the root) and its nodes, oldest first, as
 * snapshots that grow while they stream (`status`, `byteLength`, `blob()`, `objectURL()`).
 * Held until the effect scope is disposed; object URLs are revoked then. `target` may be a ref
 * or getter.
 *
 * @example
 * const clips = useAudio(stream);
 * const player = useAudioPlayer(() => clips.value[0]);
 */
export function useAudio(
  stream: StreamSource<any>,
  target?: MaybeRefOrGetter<SelectorTarget>,
  options: MediaProjectionOptions = {},
): ComputedRef<readonly MediaSnapshot[]> {
  return useMediaSelector("audio", stream, target, options);
}
