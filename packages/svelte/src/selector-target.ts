/**
 * Selector targets (where a selector reads from) and inputs given as a value or a getter.
 */

/**
 * A value, or a function returning it. A getter is re-read whenever the reading effect runs, so
 * `() => props.threadId` follows a prop and `() => subagent` follows a `$state` variable.
 *
 * @example
 * const target: ValueOrGetter<SelectorTarget> = () => selected;
 */
export type ValueOrGetter<T> = T | (() => T);

/**
 * The root (`undefined`, `null`, `[]`), a namespace, or anything with a `namespace` (a subagent or
 * subgraph snapshot).
 *
 * @example
 * useMessages(stream, ["research:1"]);
 */
export type SelectorTarget = undefined | null | readonly string[] | { readonly namespace: readonly string[] };

/**
 * The value of `input`: called when it is a function.
 *
 * @example
 * readValue(() => 42); // 42
 */
export function readValue<T>(input: ValueOrGetter<T>): T {
  return typeof input === "function" ? (input as () => T)() : input;
}

/** The namespace a target names; `[]` for the root. */
export function targetNamespace(target: SelectorTarget): readonly string[] {
  if (target === undefined || target === null) return [];
  return Array.isArray(target) ? (target as readonly string[]) : (target as { namespace: readonly string[] }).namespace;
}
