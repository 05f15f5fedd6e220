/**
 * Registry projections read under runes: acquired while an effect reads them, released when the
 * last such effect is destroyed or reads another key.
 */
import { resolveInitial, type AcquiredProjection, type ChannelRegistry, type ProjectionSpec, type RootEventBus, type ThreadStream } from "@agent-stream/core";
import { createSubscriber } from "svelte/reactivity";

/** A projection of a controller's registry (what the core's projection factories return). */
export type StreamProjectionSpec<T> = ProjectionSpec<T, ThreadStream<any>, RootEventBus<any>>;

/** A controller's registry. */
export type StreamRegistry = ChannelRegistry<ThreadStream<any>, RootEventBus<any>>;

/** Where a projection value reads from right now: a registry and a spec, or a plain value. */
export type ProjectionSource<T> =
  | { readonly registry: StreamRegistry; readonly spec: StreamProjectionSpec<T> }
  | { readonly value: T };

/** One key of one registry, held while read by at least one effect. */
class ProjectionHold<T> {
  readonly registry: StreamRegistry;
  readonly key: string;
  readonly #initial: T;
  readonly #subscribe: () => void;
  #acquired: AcquiredProjection<T> | undefined;

  constructor(registry: StreamRegistry, spec: StreamProjectionSpec<T>) {
    this.registry = registry;
    this.key = spec.key;
    this.#initial = resolveInitial(spec.initial);
    this.#subscribe = createSubscriber((update) => {
      // A disposed controller (rebuilt or destroyed) has nothing more to show.
      if (registry.disposed) return;
      const acquired = registry.acquire(spec);
      this.#acquired = acquired;
      const unsubscribe = acquired.store.subscribe(update);
      return () => {
        unsubscribe();
        acquired.release();
        if (this.#acquired === acquired) this.#acquired = undefined;
      };
    });
  }

  read(): T {
    this.#subscribe();
    const acquired = this.#acquired;
    return acquired === undefined ? this.#initial : acquired.store.getSnapshot();
  }
}

/**
 * The `.current` of every registry-backed selector. `resolve` is re-run on each read (so getter
 * inputs are tracked by the reading effect); a new registry or key moves the hold, and the old one
 * is released once no effect reads it. Outside an effect it acquires nothing and shows the
 * projection's initial value.
 *
 * @example
 * const value = new ProjectionValue(() => ({ registry: controller.registry, spec: extensionProjection("progress") }));
 * $effect(() => console.log(value.current));
 */
export class ProjectionValue<T> {
  readonly #resolve: () => ProjectionSource<T>;
  #hold: ProjectionHold<T> | undefined;

  constructor(resolve: () => ProjectionSource<T>) {
    this.#resolve = resolve;
  }

  get current(): T {
    const source = this.#resolve();
    if ("value" in source) return source.value;
    let hold = this.#hold;
    if (hold === undefined || hold.registry !== source.registry || hold.key !== source.spec.key) {
      hold = new ProjectionHold(source.registry, source.spec);
      this.#hold = hold;
    }
    return hold.read();
  }
}
