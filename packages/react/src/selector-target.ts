/**
 * Selector targets: where a selector hook reads from.
 */
import type { StreamProjectionSpec } from "./use-projection";

/**
 * The root (`undefined`, `null`, `[]`), a namespace, or anything with a `namespace` (a subagent or
 * subgraph snapshot).
 *
 * @example
 * useMessages(stream, ["research:1"]);
 */
export type SelectorTarget = undefined | null | readonly string[] | { readonly namespace: readonly string[] };

/** The namespace a target names; `[]` for the root. */
export function targetNamespace(target: SelectorTarget): readonly string[] {
  if (target === undefined || target === null) return [];
  return Array.isArray(target) ? (target as readonly string[]) : (target as { namespace: readonly string[] }).namespace;
}

/** The spec for a scoped target, or `null` at the root (read from the root snapshot instead). */
export function scopedSpec<T>(
  target: SelectorTarget,
  build: (namespace: readonly string[]) => StreamProjectionSpec<T>,
): StreamProjectionSpec<T> | null {
  const namespace = targetNamespace(target);
  return namespace.length === 0 ? null : build(namespace);
}
