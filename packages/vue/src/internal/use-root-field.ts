/**
 * Reads one field of a stream's root snapshot as a ref.
 */
import type { RootSnapshot } from "@agent-stream/core";
import { computed, isRef, toRaw, type Ref } from "vue";
import { controllerOf, type StreamSource } from "../stream-handle";
import type { StreamRegistry } from "../use-projection";
import { useStoreRef } from "./store-ref";

/**
 * `snapshot[field]` of the stream's root store: the handle's own ref when `stream` is a handle,
 * otherwise a subscription of its own.
 */
export function useRootField<TState extends Record<string, unknown>, K extends keyof RootSnapshot<TState>>(
  stream: StreamSource<TState>,
  field: K,
): Readonly<Ref<RootSnapshot<TState>[K]>> {
  // toRaw: a handle wrapped in reactive() still holds its refs underneath.
  const own = (toRaw(stream) as unknown as Partial<Record<K, unknown>>)[field];
  if ("controller" in stream && isRef(own)) return own as Readonly<Ref<RootSnapshot<TState>[K]>>;
  const root = useStoreRef(() => controllerOf(stream).rootStore);
  return computed(() => root.value[field] as RootSnapshot<TState>[K]);
}

/** The stream's registry (tracked: follows controller rebuilds). */
export function registryOf(stream: StreamSource<any>): StreamRegistry {
  return controllerOf(stream).registry as StreamRegistry;
}
