/**
 * `useExtension`: the latest payload of a named custom channel.
 */
import { extensionProjection } from "@agent-stream/core";
import { toValue, type MaybeRefOrGetter, type ShallowRef } from "vue";
import { registryOf } from "./internal/use-root-field";
import { targetNamespace, type SelectorTarget } from "./selector-target";
import type { StreamSource } from "./stream-handle";
import { useRegistryProjection } from "./use-projection";

/**
 * The latest payload the graph wrote to `custom:<name>` (`config.writer({ name, ... })`) at
 * `target` (default: the root); `undefined` until the first one. `name` and `target` may be refs
 * or getters.
 *
 * @example
 * const progress = useExtension<{ percent: number }>(stream, "progress");
 * // <progress :value="progress?.percent ?? 0" max="100" />
 */
export function useExtension<T = unknown>(
  stream: StreamSource<any>,
  name: MaybeRefOrGetter<string>,
  target?: MaybeRefOrGetter<SelectorTarget>,
): Readonly<ShallowRef<T | undefined>> {
  return useRegistryProjection(
    () => registryOf(stream),
    () => extensionProjection<T>(toValue(name), [...targetNamespace(toValue(target))]),
  );
}
