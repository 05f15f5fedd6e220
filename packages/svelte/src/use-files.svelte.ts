/**
 * `useFiles`: file blocks streamed at the root or a namespace.
 */
import type { MediaProjectionOptions, MediaSnapshot } from "@agent-stream/core";
import { mediaSelector } from "./internal/media-selector.js";
import type { ReactiveValue } from "./reactive-value.js";
import type { SelectorTarget, ValueOrGetter } from "./selector-target.js";
import type { StreamSource } from "./stream-handle.js";

/**
 * File blocks streamed at `target` (default: the root) and by its nodes.
 *
 * @example
 * const files = useFiles(stream);
 * // {#each files.current as file (file.key)}<li>{file.mimeType}: {file.byteLength} bytes</li>{/each}
 */
export function useFiles(
  stream: StreamSource<any>,
  target?: ValueOrGetter<SelectorTarget>,
  options: MediaProjectionOptions = {},
): ReactiveValue<readonly MediaSnapshot[]> {
  return mediaSelector("file", stream, target, options);
}
