/**
 * `useImages`: image blocks streamed by the agent.
 */
import type { MediaProjectionOptions, MediaSnapshot } from "@agent-stream/core";
import type { ComputedRef, MaybeRefOrGetter } from "vue";
import { useMediaSelector } from "./internal/media-selector";
import type { SelectorTarget } from "./selector-target";
import type { StreamSource } from "./stream-handle";

/**
 * Image blocks of the messages at `target` (default: the root) and its nodes, oldest first, as
 * snapshots that grow while they stream (`status`, `byteLength`, `blob()`, `objectURL()`).
 * Held until the effect scope is disposed; object URLs are revoked then. `target` may be a ref
 * or getter.
 *
 * @example
 * const images = useImages(stream);
 * // one child component per image: const src = useMediaURL(() => props.image); <img :src="src" />
 */
export function useImages(
  stream: StreamSource<any>,
  target?: MaybeRefOrGetter<SelectorTarget>,
  options: MediaProjectionOptions = {},
): ComputedRef<readonly MediaSnapshot[]> {
  return useMediaSelector("image", stream, target, options);
}
