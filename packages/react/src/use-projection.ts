"use client";
/**
 * `useProjection`: the primitive every scoped selector hook is built on.
 */
import { resolveInitial, type ChannelRegistry, type ProjectionSpec, type RootEventBus, type ThreadStream } from "@agent-stream/core";
import { useCallback, useState, useSyncExternalStore } from "react";
import { controllerOf, type StreamSource } from "./stream-handle";

/** A projection of a controller's registry (what the core's projection factories return). */
export type StreamProjectionSpec<T> = ProjectionSpec<T, ThreadStream<any>, RootEventBus<any>>;

/** A controller's registry. */
export type StreamRegistry = ChannelRegistry<ThreadStream<any>, RootEventBus<any>>;

interface Hold {
  readonly registry: StreamRegistry;
  readonly key: string;
  readonly getSnapshot: () => unknown;
}

/** Per-component state: the live hold, and the initial value shown until there is one. */
class ProjectionCell {
  hold: Hold | undefined;
  #initial: { registry: StreamRegistry; key: string; value: unknown } | undefined;

  read(registry: StreamRegistry, spec: StreamProjectionSpec<unknown>): unknown {
    const hold = this.hold;
    if (hold !== undefined && hold.registry === registry && hold.key === spec.key) return hold.getSnapshot();
    const initial = this.#initial;
    if (initial !== undefined && initial.registry === registry && initial.key === spec.key) return initial.value;
    // Cached: a function `initial` would otherwise hand useSyncExternalStore a new value per read.
    const value = resolveInitial(spec.initial);
    this.#initial = { registry, key: spec.key, value };
    return value;
  }
}

const subscribeToNothing = (): (() => void) => () => undefined;
const readNothing = (): undefined => undefined;

/**
 * Reads a projection of `registry`: acquired while subscribed (from the commit on), released on
 * unmount or key change. A `null` registry or spec reads `undefined` and acquires nothing.
 */
export function useRegistryProjection<T>(
  registry: StreamRegistry | null,
  spec: StreamProjectionSpec<T> | null,
): T | undefined {
  const [cell] = useState(() => new ProjectionCell());
  const key = registry === null || spec === null ? null : spec.key;
  // `spec` is identified by its key (two specs with one key are one projection), so only the key
  // is a dependency; the spec captured here is the first one seen with that key.
  const subscribe = useCallback(
    (listener: () => void) => {
      if (registry === null || spec === null) return () => undefined;
      const { store, release } = registry.acquire(spec);
      const hold: Hold = { registry, key: spec.key, getSnapshot: store.getSnapshot };
      cell.hold = hold;
      const unsubscribe = store.subscribe(listener);
      return () => {
        unsubscribe();
        release();
        if (cell.hold === hold) cell.hold = undefined;
      };
    },
    [cell, registry, key],
  );
  const getSnapshot = (): T | undefined =>
    registry === null || spec === null ? undefined : (cell.read(registry, spec as StreamProjectionSpec<unknown>) as T);
  const active = key !== null;
  return useSyncExternalStore(
    active ? subscribe : subscribeToNothing,
    active ? getSnapshot : readNothing,
    active ? getSnapshot : readNothing,
  );
}

/**
 * Reads a projection of the stream's registry, ref-counted and shared with every other consumer
 * of the same `spec.key`. Build the spec inline if you like: only its key matters. Shows
 * `spec.initial` until the projection is acquired (right after the first commit).
 *
 * @example
 * const values = useProjection(stream, valuesProjection()); // any ProjectionSpec of the registry
 */
export function useProjection<T>(stream: StreamSource<any>, spec: StreamProjectionSpec<T>): T {
  return useRegistryProjection(controllerOf(stream).registry as StreamRegistry, spec) as T;
}
