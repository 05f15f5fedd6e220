/**
 * Selector targets and reactive inputs: a value, a `Signal`, or a function read in a reactive context.
 */
import { computed, type Signal } from "@angular/core";

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

/**
 * The root (`undefined`, `null`, `[]`), a namespace, or anything with a `namespace` (a subagent or
 * subgraph snapshot). Selectors accept it as a `Signal` or function too, and follow its changes.
 *
 * @example
 * injectMessages(stream, ["research:1"]);
 * injectMessages(stream, () => this.subagent()); // root while nothing is selected
 */
export type SelectorTarget = undefined | null | readonly string[] | { readonly namespace: readonly string[] };

/** The namespace a target names; `[]` for the root. */
export function targetNamespace(target: SelectorTarget): readonly string[] {
  if (target === undefined || target === null) return [];
  return Array.isArray(target) ? (target as readonly string[]) : (target as { namespace: readonly string[] }).namespace;
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
