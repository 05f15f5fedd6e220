/**
 * `useProjection`: the primitive every scoped selector composable is built on.
 */
import type { ChannelRegistry, ProjectionSpec, RootEventBus, ThreadStream } from "@agent-stream/core";
import { computed, shallowReadonly, shallowRef, toValue, watch, type MaybeRefOrGetter, type ShallowRef } from "vue";
import { controllerOf, type StreamSource } from "./stream-handle";

/** A projection of a controller's registry (what the core's projection factories return). */
export type StreamProjectionSpec<T> = ProjectionSpec<T, ThreadStream<any>, RootEventBus<any>>;

/** A controller's registry. */
export type StreamRegistry = ChannelRegistry<ThreadStream<any>, RootEventBus<any>>;

/**
 * Holds `getSpec()` of `getRegistry()` from now until the effect scope is disposed, re-acquiring
 * when the registry or the spec's key changes (the old hold is released first). `null` from
 * either acquires nothing and reads `undefined`.
 */
export function useRegistryProjection<T>(
  getRegistry: () => StreamRegistry | null,
  getSpec: () => StreamProjectionSpec<T> | null,
): Readonly<ShallowRef<T | undefined>> {
  const state = shallowRef<T | undefined>(undefined);
  const spec = computed(getSpec);
  // Two specs with one key are one projection: only the key decides when to re-acquire.
  const key = computed(() => spec.value?.key ?? null);
  watch(
    [getRegistry, key],
    ([registry, currentKey], _previous, onCleanup) => {
      if (registry === null || currentKey === null || spec.value === null) {
        state.value = undefined;
        return;
      }
      const { store, release } = registry.acquire(spec.value);
      state.value = store.getSnapshot();
      const unsubscribe = store.subscribe(() => (state.value = store.getSnapshot()));
      onCleanup(() => {
        unsubscribe();
        release();
      });
    },
    // Sync: acquired before the next line runs, so a submit right after setup is seen.
    { immediate: true, flush: "sync" },
  );
  return shallowReadonly(state);
}

/**
 * A projection of the stream's registry, ref-counted and shared with every other consumer of the
 * same `spec.key`, held until the effect scope is disposed. `spec` may be a ref or getter: a new
 * key releases the old projection and acquires the new one.
 *
 * @example
 * const values = useProjection(stream, () => valuesProjection(subgraph.value.namespace));
 */
export function useProjection<T>(stream: StreamSource<any>, spec: MaybeRefOrGetter<StreamProjectionSpec<T>>): Readonly<ShallowRef<T>> {
  return useRegistryProjection(
    () => controllerOf(stream).registry as StreamRegistry,
    () => toValue(spec),
  ) as Readonly<ShallowRef<T>>;
}
