"use client";
/**
 * `useExtension`: the latest payload of a named custom channel.
 */
import { extensionProjection } from "@agent-stream/core";
import { targetNamespace, type SelectorTarget } from "./selector-target";
import { controllerOf, type StreamSource } from "./stream-handle";
import { useRegistryProjection } from "./use-projection";

/**
 * The latest payload the graph wrote to `custom:<name>` (`config.writer({ name, ...fields })`) at
 * `target` (default: the root); `undefined` until the first one. Re-renders at most once per
 * macrotask however fast the graph writes.
 *
 * @example
 * const progress = useExtension<{ percent: number; label: string }>(stream, "progress");
 * return <progress value={progress?.percent ?? 0} max={100} />;
 */
export function useExtension<T = unknown>(stream: StreamSource<any>, name: string, target?: SelectorTarget): T | undefined {
  const spec = extensionProjection<T>(name, [...targetNamespace(target)]);
  return useRegistryProjection(controllerOf(stream).registry, spec);
}
