"use client";
/**
 * `useValues`: the state of the root graph or of one namespace.
 */
import { valuesProjection } from "@agent-stream/core";
import { useRootField } from "./internal/use-root-field";
import { scopedSpec, type SelectorTarget } from "./selector-target";
import { controllerOf, type StreamSource } from "./stream-handle";
import { useRegistryProjection, type StreamRegistry } from "./use-projection";

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
 * const researchState = useValues<ResearchState>(stream, subgraph);
 */
export function useValues<TState extends Record<string, unknown>>(stream: StreamSource<TState>): TState;
export function useValues<TValues = Record<string, unknown>>(
  stream: StreamSource<any>,
  target: SelectorTarget,
  options?: UseValuesOptions,
): TValues | undefined;
export function useValues(
  stream: StreamSource<any>,
  target?: SelectorTarget,
  options: UseValuesOptions = {},
): unknown {
  const root = useRootField(stream, "values");
  const spec = scopedSpec(target, (namespace) => valuesProjection([...namespace], options.messagesKey));
  const registry = spec === null ? null : (controllerOf(stream).registry as StreamRegistry);
  const scoped = useRegistryProjection(registry, spec);
  return spec === null ? root : scoped;
}
