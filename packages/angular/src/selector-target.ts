/**
 * Selector targets and reactive inputs: a value, a `Signal`, or a function read in a reactive context.
 */
import { targetNamespace, type SelectorTarget } from "@agent-stream/core";
import { computed, type Signal } from "@angular/core";

export { targetNamespace, type SelectorTarget };

/**
 * A value, a `Signal` of it, or a function returning it (read reactively: a function reading
 * signals or `input()`s is followed).
 *
 * @example
 * const threadId: MaybeSignal<string | null> = this.route.threadId; // a Signal
 */
export type MaybeSignal<T> = T | Signal<T> | (() => T);

/** The current value of `value` (tracked when called in a reactive context). */
export function readValue<T>(value: MaybeSignal<T>): T {
  return typeof value === "function" ? (value as () => T)() : value;
}

const sameNamespace = (a: readonly string[] | null, b: readonly string[] | null): boolean =>
  a === b || (a !== null && b !== null && a.length === b.length && a.every((segment, index) => segment === b[index]));

/**
 * The target's namespace as a signal that changes only when the namespace itself does (a new
 * snapshot of the same subagent keeps it); `null` at the root.
 */
export function targetNamespaceSignal(target: MaybeSignal<SelectorTarget> | undefined): Signal<readonly string[] | null> {
  return computed(
    () => {
      const namespace = targetNamespace(readValue(target));
      return namespace.length === 0 ? null : [...namespace];
    },
    { equal: sameNamespace },
  );
}
