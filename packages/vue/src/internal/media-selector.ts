/**
 * Shared body of `useImages`, `useAudio`, `useVideo` and `useFiles`.
 */
import { mediaProjection, type MediaProjectionOptions, type MediaSnapshot } from "@agent-stream/core";
import { computed, toValue, type ComputedRef, type MaybeRefOrGetter } from "vue";
import { targetNamespace, type SelectorTarget } from "../selector-target";
import type { StreamSource } from "../stream-handle";
import { useRegistryProjection } from "../use-projection";
import { registryOf } from "./use-root-field";

const NO_MEDIA: readonly MediaSnapshot[] = Object.freeze([]);

/** The media kinds of the content blocks. */
export type MediaKind = Parameters<typeof mediaProjection>[0];

/** Media blocks of `kind` at `target` (the root included: media is never in the root snapshot). */
export function useMediaSelector(
  kind: MediaKind,
  stream: StreamSource<any>,
  target: MaybeRefOrGetter<SelectorTarget> | undefined,
  options: MediaProjectionOptions,
): ComputedRef<readonly MediaSnapshot[]> {
  const media = useRegistryProjection(
    () => registryOf(stream),
    () => mediaProjection(kind, [...targetNamespace(toValue(target))], options),
  );
  return computed(() => media.value ?? NO_MEDIA);
}
