/**
 * `injectValues`: the state of the root graph or of one namespace.
 */
import { valuesProjection } from "@agent-stream/core";
import { computed, type Signal } from "@angular/core";
import { bindingContext, type InjectOptions } from "./internal/binding-context";
import { registryOf, rootField } from "./internal/root-field";
import { registryProjection } from "./inject-projection";
import { readValue, targetNamespaceSignal, type MaybeSignal, type SelectorTarget } from "./selector-target";
import type { StreamSource } from "./stream-handle";

/** Options of a scoped `injectValues`. */
export interface InjectValuesOptions extends InjectOptions {
  /** The state key holding the scope's conversation (default `"messages"`). */
  messagesKey?: MaybeSignal<string | undefined>;
}

/**
 * The latest state at `target`: the root state (never undefined) by default, or a namespace's
 * state (`undefined` until it arrives). Updates once per superstep, not per token. `target` may be
 * a `Signal` or function.
 *
 * @example
 * readonly values = injectValues(this.stream);
 * readonly researchState = injectValues<ResearchState>(this.stream, this.subgraph);
 */
export function injectValues<TState extends Record<string, unknown>>(stream: StreamSource<TState>): Signal<TState>;
export function injectValues<TValues = Record<string, unknown>>(
  stream: StreamSource<any>,
  target: MaybeSignal<SelectorTarget>,
  options?: InjectValuesOptions,
): Signal<TValues | undefined>;
export function injectValues(
  stream: StreamSource<any>,
  target?: MaybeSignal<SelectorTarget>,
  options: InjectValuesOptions = {},
): Signal<unknown> {
  const context = bindingContext("injectValues", injectValues, options);
  const namespace = targetNamespaceSignal(target);
  const root = rootField(stream, "values", context);
  const scoped = registryProjection(
    () => (namespace() === null ? null : registryOf(stream)),
    () => {
      const current = namespace();
      return current === null ? null : valuesProjection([...current], readValue(options.messagesKey));
    },
    context,
  );
  return computed(() => (namespace() === null ? root() : scoped()));
}
