/**
 * `useExtension`: the latest payload of a named custom channel.
 */
import { extensionProjection } from "@agent-stream/core";
import { ProjectionValue } from "./internal/projection-value.js";
import type { ReactiveValue } from "./reactive-value.js";
import { readValue, targetNamespace, type SelectorTarget, type ValueOrGetter } from "./selector-target.js";
import { controllerOf, type StreamSource } from "./stream-handle.js";

/**
 * The latest payload the graph wrote to the custom channel `name` (`config.writer({ name, ... })`)
 * at `target` (default: the root); `undefined` until the first one.
 *
 * @example
 * const progress = useExtension<{ percent: number }>(stream, "progress");
 * // <progress value={progress.current?.percent ?? 0} max="100"></progress>
 */
export function useExtension<T = unknown>(
  stream: StreamSource<any>,
  name: ValueOrGetter<string>,
  target?: ValueOrGetter<SelectorTarget>,
): ReactiveValue<T | undefined> {
  return new ProjectionValue(() => ({
    registry: controllerOf(stream).registry,
    spec: extensionProjection<T>(readValue(name), [...targetNamespace(readValue(target))]),
  }));
}
