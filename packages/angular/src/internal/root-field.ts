/**
 * Reads one field of a stream's root snapshot as a signal.
 */
import type { RootSnapshot } from "@agent-stream/core";
import { computed, isSignal, type Signal } from "@angular/core";
import { controllerOf, type StreamSource } from "../stream-handle";
import type { StreamRegistry } from "../inject-projection";
import type { BindingContext } from "./binding-context";
import { storeSignal } from "./store-signal";

/**
 * `snapshot[field]` of the stream's root store: the handle's own signal when `stream` is a handle
 * or service, otherwise a subscription of its own.
 */
export function rootField<TState extends Record<string, unknown>, K extends keyof RootSnapshot<TState>>(
  stream: StreamSource<TState>,
  field: K,
  context: BindingContext,
): Signal<RootSnapshot<TState>[K]> {
  const own = "controller" in stream ? (stream as unknown as Partial<Record<K, unknown>>)[field] : undefined;
  if (isSignal(own)) return own as Signal<RootSnapshot<TState>[K]>;
  const root = storeSignal(() => controllerOf(stream).rootStore, context);
  return computed(() => root()[field] as RootSnapshot<TState>[K]);
}

/** The stream's registry (tracked: follows controller rebuilds). */
export function registryOf(stream: StreamSource<any>): StreamRegistry {
  return controllerOf(stream).registry as StreamRegistry;
}
