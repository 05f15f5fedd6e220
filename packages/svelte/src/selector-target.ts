/**
 * Selector targets (where a selector reads from) and inputs given as a value or a getter.
 */
import { targetNamespace, type SelectorTarget } from "@agent-stream/core";

export { targetNamespace, type SelectorTarget };

/**
 * A value, or a function returning it. A getter is re-read whenever the reading effect runs, so
 * `() => props.threadId` follows a prop and `() => subagent` follows a `$state` variable.
 *
 * @example
 * const target: ValueOrGetter<SelectorTarget> = () => selected;
 */
export type ValueOrGetter<T> = T | (() => T);

/**
 * The value of `input`: called when it is a function.
 *
 * @example
 * readValue(() => 42); // 42
 */
export function readValue<T>(input: ValueOrGetter<T>): T {
  return typeof input === "function" ? (input as () => T)() : input;
}

