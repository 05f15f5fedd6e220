/**
 * Selector targets: where a selector hook reads from.
 */
import { targetNamespace, type SelectorTarget } from "@agent-stream/core";
import type { StreamProjectionSpec } from "./use-projection";

export { targetNamespace, type SelectorTarget };

/** The spec for a scoped target, or `null` at the root (read from the root snapshot instead). */
export function scopedSpec<T>(
  target: SelectorTarget,
  build: (namespace: readonly string[]) => StreamProjectionSpec<T>,
): StreamProjectionSpec<T> | null {
  const namespace = targetNamespace(target);
  return namespace.length === 0 ? null : build(namespace);
}
