/**
 * What the media selectors share: a media projection of the root or a namespace.
 */
import { mediaProjection, type MediaKind, type MediaProjectionOptions, type MediaSnapshot } from "@agent-stream/core";
import type { ReactiveValue } from "../reactive-value.js";
import { readValue, targetNamespace, type SelectorTarget, type ValueOrGetter } from "../selector-target.js";
import { controllerOf, type StreamSource } from "../stream-handle.js";
import { ProjectionValue } from "./projection-value.js";

/** Media blocks of `kind` at `target`; the root goes through the registry too (media has no root-snapshot field). */
export function mediaSelector(
  kind: MediaKind,
  stream: StreamSource<any>,
  target: ValueOrGetter<SelectorTarget>,
  options: MediaProjectionOptions,
): ReactiveValue<readonly MediaSnapshot[]> {
  return new ProjectionValue(() => ({
    registry: controllerOf(stream).registry,
    spec: mediaProjection(kind, [...targetNamespace(readValue(target))], options),
  }));
}
