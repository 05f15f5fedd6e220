/**
 * `injectProjection`: the primitive every scoped selector function is built on.
 */
import type { ChannelRegistry, ProjectionSpec, RootEventBus, ThreadStream } from "@agent-stream/core";
import { computed, signal, untracked, type Signal } from "@angular/core";
import { bindingContext, watchValue, type BindingContext, type InjectOptions } from "./internal/binding-context";
import { readValue, type MaybeSignal } from "./selector-target";
import { controllerOf, type StreamSource } from "./stream-handle";

/** A projection of a controller's registry (what the core's projection factories return). */
export type StreamProjectionSpec<T> = ProjectionSpec<T, ThreadStream<any>, RootEventBus<any>>;

/** A controller's registry. */
export type StreamRegistry = ChannelRegistry<ThreadStream<any>, RootEventBus<any>>;

interface Held {
  readonly registry: StreamRegistry | null;
  readonly key: string | null;
}

/**
 * Holds `getSpec()` of `getRegistry()` until `context` is destroyed, re-acquiring when the
 * registry or the spec's key changes (the old hold is released first). `null` from either
 * acquires nothing and reads `undefined`, as does a target not acquired yet.
 */
export function registryProjection<T>(
  getRegistry: () => StreamRegistry | null,
  getSpec: () => StreamProjectionSpec<T> | null,
  context: BindingContext,
): Signal<T | undefined> {
  const spec = computed(getSpec);
  // Two specs with one key are one projection: only the key decides when to re-acquire.
  const wanted = computed<Held>(() => ({ registry: getRegistry(), key: spec()?.key ?? null }), {
    equal: (a, b) => a.registry === b.registry && a.key === b.key,
  });
  const state = signal<{ held: Held; value: T | undefined }>({ held: { registry: null, key: null }, value: undefined });
  watchValue(
    wanted,
    (held, onCleanup) => {
      const current = untracked(spec);
      if (held.registry === null || held.key === null || current === null) {
        state.set({ held, value: undefined });
        return;
      }
      const { store, release } = held.registry.acquire(current);
      state.set({ held, value: store.getSnapshot() });
      const unsubscribe = store.subscribe(() => state.set({ held, value: store.getSnapshot() }));
      onCleanup(() => {
        unsubscribe();
        release();
      });
    },
    context,
  );
  // Never another target's data: until the new target is acquired, `undefined`.
  return computed(() => {
    const current = state();
    return current.held === wanted() ? current.value : undefined;
  });
}

/**
 * A projection of the stream's registry, ref-counted and shared with every other consumer of the
 * same `spec.key`, held until the injection context is destroyed. `spec` may be a `Signal` or
 * function: a new key releases the old projection and acquires the new one.
 *
 * @example
 * readonly state = injectProjection(this.stream, () => valuesProjection(this.subgraph().namespace));
 */
export function injectProjection<T>(
  stream: StreamSource<any>,
  spec: MaybeSignal<StreamProjectionSpec<T>>,
  options?: InjectOptions,
): Signal<T> {
  const context = bindingContext("injectProjection", injectProjection, options);
  return registryProjection(
    () => controllerOf(stream).registry as StreamRegistry,
    () => readValue(spec),
    context,
  ) as Signal<T>;
}
