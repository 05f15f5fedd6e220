"use client";
/**
 * `useImages`, `useAudio`, `useVideo`, `useFiles`: media blocks of the messages, as they stream.
 */
import { mediaProjection, type MediaSnapshot } from "@agent-stream/core";
import { targetNamespace, type SelectorTarget } from "./selector-target";
import { controllerOf, type StreamSource } from "./stream-handle";
import { useRegistryProjection } from "./use-projection";

type MediaKind = Parameters<typeof mediaProjection>[0];

const NO_MEDIA: readonly MediaSnapshot[] = Object.freeze([]);

function useMedia(kind: MediaKind, stream: StreamSource<any>, target: SelectorTarget): readonly MediaSnapshot[] {
  const spec = mediaProjection(kind, [...targetNamespace(target)]);
  return useRegistryProjection(controllerOf(stream).registry, spec) ?? NO_MEDIA;
}

/**
 * Image blocks at `target` (default: the root graph and its nodes), one handle per block, updated
 * as bytes arrive. Show one with `useMediaURL(handle)`.
 *
 * @example
 * const images = useImages(stream);
 * images.map((image) => <Image key={image.key} media={image} />);
 */
export function useImages(stream: StreamSource<any>, target?: SelectorTarget): readonly MediaSnapshot[] {
  return useMedia("image", stream, target);
}

/**
 * Audio blocks at `target`, updated as bytes arrive.
 *
 * @example
 * const [clip] = useAudio(stream);
 * const url = useMediaURL(clip);
 */
export function useAudio(stream: StreamSource<any>, target?: SelectorTarget): readonly MediaSnapshot[] {
  return useMedia("audio", stream, target);
}

/**
 * Video blocks at `target`, updated as bytes arrive.
 *
 * @example
 * const [video] = useVideo(stream);
 */
export function useVideo(stream: StreamSource<any>, target?: SelectorTarget): readonly MediaSnapshot[] {
  return useMedia("video", stream, target);
}

/**
 * File blocks at `target`, updated as bytes arrive.
 *
 * @example
 * const files = useFiles(stream);
 */
export function useFiles(stream: StreamSource<any>, target?: SelectorTarget): readonly MediaSnapshot[] {
  return useMedia("file", stream, target);
}
