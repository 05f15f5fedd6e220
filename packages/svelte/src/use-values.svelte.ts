/**
 * `useValues`: the state of the root graph or of one namespace.
 */
import { valuesProjection } from "@agent-stream/core";
import { ProjectionValue } from "./internal/projection-value.js";
import { rootField } from "./internal/root-field.js";
import type { ReactiveValue } from "./reactive-value.js";
import { readValue, targetNamespace, type SelectorTarget, type ValueOrGetter } from "./selector-target.js";
import { controllerOf, type StreamSource } from "./stream-handle.js";

/** Options of a scoped `useValues`. */
export interface UseValuesOptions {
  /** The state key holding the scope's conversation (default `"messages"`). */
  messagesKey?: string;
}

/**
 * The latest state at `target`: the root state (never undefined) by default, or a namespace's
 * state (`undefined` until it arrives). Updates once per superstep, not per token.
 *
 * @example
 * const values = useValues(stream);
 * const research = useValues<ResearchState>(stream, () => subgraph);
 */
export function useValues<TState extends Record<string, unknown>>(stream: StreamSource<TState>): ReactiveValue<TState>;
export function useValues<TValues = Record<string, unknown>>(
  stream: StreamSource<any>,
  target: ValueOrGetter<SelectorTarget>,
  options?: UseValuesOptions,
): ReactiveValue<TValues | undefined>;
export function useValues(
  stream: StreamSource<any>,
  target?: ValueOrGetter<SelectorTarget>,
  options: UseValuesOptions = {},
): ReactiveValue<unknown> {
  return new ProjectionValue<unknown>(() => {
    const controller = controllerOf(stream);
    const namespace = targetNamespace(readValue(target));
    if (namespace.length === 0) return { value: rootField(controller, "values") };
    return { registry: controller.registry, spec: valuesProjection([...namespace], options.messagesKey) };
  });
}
