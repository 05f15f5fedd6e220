/**
 * Shared body of `injectImages`, `injectAudio`, `injectVideo` and `injectFiles`.
 */
import { mediaProjection, type MediaProjectionOptions, type MediaSnapshot } from "@agent-stream/core";
import { computed, type Signal } from "@angular/core";
import { registryProjection } from "../inject-projection";
import { readValue, targetNamespace, type MaybeSignal, type SelectorTarget } from "../selector-target";
import type { StreamSource } from "../stream-handle";
import type { BindingContext, InjectOptions } from "./binding-context";
import { registryOf } from "./root-field";

const NO_MEDIA: readonly MediaSnapshot[] = Object.freeze([]);

/** The media kinds of the content blocks. */
export type MediaKind = Parameters<typeof mediaProjection>[0];

/** Options of the media selectors. */
export type InjectMediaOptions = MediaProjectionOptions & InjectOptions;

/** Media blocks of `kind` at `target` (the root included: media is never in the root snapshot). */
export function mediaSelector(
  kind: MediaKind,
  stream: StreamSource<any>,
  target: MaybeSignal<SelectorTarget> | undefined,
  options: MediaProjectionOptions,
  context: BindingContext,
): Signal<readonly MediaSnapshot[]> {
  const media = registryProjection(
    () => registryOf(stream),
    () => mediaProjection(kind, [...targetNamespace(readValue(target))], options),
    context,
  );
  return computed(() => media() ?? NO_MEDIA);
}
