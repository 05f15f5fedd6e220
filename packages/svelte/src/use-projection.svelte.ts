/**
 * `useProjection`: any projection of a stream's registry.
 */
import { ProjectionValue, type StreamProjectionSpec } from "./internal/projection-value.js";
import type { ReactiveValue } from "./reactive-value.js";
import { readValue, type ValueOrGetter } from "./selector-target.js";
import { controllerOf, type StreamSource } from "./stream-handle.js";

/**
 * Reads a projection of the stream's registry, ref-counted and shared with every other consumer
 * of the same `spec.key`: acquired while an effect or template reads `current`, released when none
 * does. Shows `spec.initial` until then. A getter `spec` may change key (the hold moves).
 *
 * @example
 * const research = useProjection(stream, () => valuesProjection(subgraph.namespace));
 */
export function useProjection<T>(stream: StreamSource<any>, spec: ValueOrGetter<StreamProjectionSpec<T>>): ReactiveValue<T> {
  return new ProjectionValue(() => ({ registry: controllerOf(stream).registry, spec: readValue(spec) }));
}
