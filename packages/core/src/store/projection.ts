import type { NotificationScheduler } from "./notification-scheduler.js";
import type { StoreWriter, StreamStore } from "./stream-store.js";

/**
 * What a projection's `open` receives. `TThread` is the protocol client bound to the registry;
 * `TShared` is whatever the registry's owner shares with every projection (for example a root
 * event bus).
 */
export interface ProjectionContext<T, TThread, TShared = undefined> {
  /** The spec's key. */
  readonly key: string;
  /** The thread this runtime is opened against. */
  readonly thread: TThread;
  /**
   * Writes the projection's store. Writes made after this runtime was disposed (a late async
   * result, an event that was already in flight) are dropped, so an old thread's data can never
   * land in the store after a rebind reset it.
   */
  readonly store: StoreWriter<T>;
  /** Aborted when this runtime is disposed: stop async work and ignore its results. */
  readonly signal: AbortSignal;
  /** Values shared by every projection of the registry. */
  readonly shared: TShared;
  /** Reports an error from asynchronous runtime work to the registry's `onError`. */
  reportError(error: unknown): void;
  /**
   * The scheduler the registry's stores notify through, if any: batch work queued with
   * `scheduler.prepare` runs inside the same flush as the owner's stores.
   */
  readonly scheduler?: NotificationScheduler;
}

/** A live projection: the registry calls `dispose` on last release, rebind, or registry dispose. */
export interface ProjectionRuntime {
  /** Stops the projection. A returned promise that rejects is reported, never thrown. */
  dispose(): void | PromiseLike<unknown>;
}

/**
 * Describes a projection: a store fed from the bound thread, shared by every consumer that asks
 * for the same `key`. The key must identify everything that changes the projection's output
 * (namespace, channels, options): two specs with one key share the first one's runtime.
 *
 * @example
 * const lifecycleSpec: ProjectionSpec<string[], ThreadLike> = {
 *   key: "lifecycle|",
 *   initial: () => [],
 *   open({ thread, store, signal }) {
 *     const stop = thread.onEvent((event) => {
 *       if (!signal.aborted) store.setState((events) => [...events, event.method]);
 *     });
 *     return { dispose: stop };
 *   },
 * };
 */
export interface ProjectionSpec<T, TThread, TShared = undefined> {
  /** Identity of the projection within a registry. */
  readonly key: string;
  /**
   * The store's value before anything arrives, restored on every rebind. A function is called for
   * each reset (wrap a function-typed value in a thunk: `initial: () => myFunction`).
   */
  readonly initial: T | (() => T);
  /**
   * The projection reads a namespace below the root, which only the thread's own connection can
   * feed: a controller holding an idle thread (loaded, no connection yet) opens one for it.
   */
  readonly needsConnection?: boolean;
  /** Starts feeding `context.store` from `context.thread`. */
  open(context: ProjectionContext<T, TThread, TShared>): ProjectionRuntime;
}

/** One consumer's hold on a projection. `release` is idempotent. */
export interface AcquiredProjection<T> {
  /** The shared store; its identity survives thread rebinds. */
  readonly store: StreamStore<T>;
  /** Gives the hold back; the last release disposes the runtime on a later macrotask. */
  release(): void;
}

/** Where a projection error came from. */
export type ProjectionErrorPhase = "open" | "dispose" | "runtime";

/** Context passed with a projection error to `ChannelRegistryOptions.onError`. */
export interface ProjectionErrorInfo {
  readonly key: string;
  readonly phase: ProjectionErrorPhase;
}

/**
 * Resolves a spec's `initial` to a value.
 *
 * @example
 * resolveInitial(() => []); // a fresh []
 */
export function resolveInitial<T>(initial: T | (() => T)): T {
  return typeof initial === "function" ? (initial as () => T)() : initial;
}
