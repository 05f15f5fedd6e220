/**
 * `useValues`: the state of the root graph or of one namespace.
 */
import { valuesProjection } from "@agent-stream/core";
import { computed, toValue, type ComputedRef, type MaybeRefOrGetter } from "vue";
import { registryOf, useRootField } from "./internal/use-root-field";
import { useTargetNamespace, type SelectorTarget } from "./selector-target";
import type { StreamSource } from "./stream-handle";
import { useRegistryProjection } from "./use-projection";

/** Options of a scoped `useValues`. */
export interface UseValuesOptions {
  /** The state key holding the scope's conversation (default `"messages"`). */
  messagesKey?: MaybeRefOrGetter<string | undefined>;
}

/**
 * The latest state at `target`: the root state (never undefined) by default, or a namespace's
 * state (`undefined` until it arrives). Updates once per superstep, not per token. `target` may be
 * a ref or getter.
 *
 * @example
 * const values = useValues(stream);
 * const researchState = useValues<ResearchState>(stream, () => props.subgraph);
 */
export function useValues<TState extends Record<string, unknown>>(stream: StreamSource<TState>): ComputedRef<TState>;
export function useValues<TValues = Record<string, unknown>>(
  stream: StreamSource<any>,
  target: MaybeRefOrGetter<SelectorTarget>,
  options?: UseValuesOptions,
): ComputedRef<TValues | undefined>;
export function useValues(
  stream: StreamSource<any>,
  target?: MaybeRefOrGetter<SelectorTarget>,
  options: UseValuesOptions = {},
): ComputedRef<unknown> {
  const namespace = useTargetNamespace(target);
  const root = useRootField(stream, "values");
  const scoped = useRegistryProjection(
    () => (namespace.value === null ? null : registryOf(stream)),
    () => (namespace.value === null ? null : valuesProjection([...namespace.value], toValue(options.messagesKey))),
  );
  return computed(() => (namespace.value === null ? root.value : scoped.value));
}
