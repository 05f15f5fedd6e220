/**
 * Selector targets: where a selector composable reads from.
 */
import { computed, toValue, type ComputedRef, type MaybeRefOrGetter } from "vue";

/**
 * The root (`undefined`, `null`, `[]`), a namespace, or anything with a `namespace` (a subagent or
 * subgraph snapshot). Selectors accept it as a ref or getter too, and follow its changes.
 *
 * @example
 * useMessages(stream, ["research:1"]);
 * useMessages(stream, () => selectedSubagent.value); // root while nothing is selected
 */
export type SelectorTarget = undefined | null | readonly string[] | { readonly namespace: readonly string[] };

/** The namespace a target names; `[]` for the root. */
export function targetNamespace(target: SelectorTarget): readonly string[] {
  if (target === undefined || target === null) return [];
  return Array.isArray(target) ? (target as readonly string[]) : (target as { namespace: readonly string[] }).namespace;
}

/**
 * The target's namespace as a computed that triggers only when the namespace itself changes (a
 * new snapshot of the same subagent keeps it); `null` at the root.
 */
export function useTargetNamespace(target: MaybeRefOrGetter<SelectorTarget>): ComputedRef<readonly string[] | null> {
  let last: readonly string[] | null = null;
  return computed(() => {
    const namespace = targetNamespace(toValue(target));
    if (namespace.length === 0) return (last = null);
    if (last !== null && last.length === namespace.length && last.every((segment, index) => segment === namespace[index])) {
      return last;
    }
    return (last = [...namespace]);
  });
}
