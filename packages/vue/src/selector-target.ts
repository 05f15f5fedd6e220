/**
 * Selector targets: where a selector composable reads from.
 */
import { targetNamespace, type SelectorTarget } from "@agent-stream/core";
import { computed, toValue, type ComputedRef, type MaybeRefOrGetter } from "vue";

export { targetNamespace, type SelectorTarget };

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
