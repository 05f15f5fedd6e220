import { scheduleMacrotask, type CancelMacrotask } from "./macrotask.js";
import type { NotificationScheduler } from "./notification-scheduler.js";
import {
  resolveInitial,
  type AcquiredProjection,
  type ProjectionErrorInfo,
  type ProjectionErrorPhase,
  type ProjectionRuntime,
  type ProjectionSpec,
} from "./projection.js";
import { reportUncaughtError } from "./report-error.js";
import { StreamStore, type StoreWriter } from "./stream-store.js";

/** Thrown by `acquire` on a registry that was disposed (programmer misuse). */
export class ChannelRegistryDisposedError extends Error {
  override readonly name = "ChannelRegistryDisposedError";
  constructor(readonly key: string) {
    super(
      `ChannelRegistry.acquire("${key}") was called after the registry was disposed. ` +
        "Acquire projections from a live registry: create a new controller instead of reusing a disposed one.",
    );
  }
}

/** Options for {@link ChannelRegistry}. `shared` is required when `TShared` cannot be undefined. */
export type ChannelRegistryOptions<TShared> = {
  /** Stores created by the registry batch their notifications through this scheduler. */
  scheduler?: NotificationScheduler;
  /** Receives errors from `open`, `dispose` and runtime work; defaults to an uncaught report. */
  onError?: (error: unknown, info: ProjectionErrorInfo) => void;
  /** Passed as `onListenerError` to every store the registry creates. */
  onListenerError?: (error: unknown) => void;
  /**
   * Called after `acquire` took a hold while no thread is bound (e.g. a controller holding an idle
   * thread can open its connection so the projection gets data).
   */
  onAcquireUnbound?: () => void;
} & (undefined extends TShared ? { shared?: TShared } : { shared: TShared });

interface RegistryEntry {
  readonly spec: ProjectionSpec<unknown, unknown, unknown>;
  readonly store: StreamStore<unknown>;
  refCount: number;
  runtime: ProjectionRuntime | undefined;
  abortController: AbortController | undefined;
  cancelRemoval: CancelMacrotask | undefined;
}

/**
 * A ref-counted cache of projections keyed by `spec.key`: however many consumers acquire a key,
 * there is one store and at most one runtime. The runtime is opened against the bound thread and
 * reopened on every rebind; the store's identity never changes, so subscribers survive thread swaps.
 *
 * The last release disposes the runtime on a later **macrotask**, and an acquire before then keeps
 * it. A microtask would also cover React StrictMode's synchronous unmount/remount, but framework
 * schedulers that flush in microtasks (Vue, Svelte) or an `await` between release and re-acquire
 * would tear down and reopen a server subscription for nothing; one macrotask of extra lifetime
 * costs nothing noticeable.
 *
 * @example
 * const registry = new ChannelRegistry<ThreadStream>({ scheduler });
 * const { store, release } = registry.acquire(messagesSpec);
 * registry.bind(thread); // opens messagesSpec against thread
 * const unsubscribe = store.subscribe(() => render(store.getSnapshot()));
 * // later
 * unsubscribe();
 * release();
 */
export class ChannelRegistry<TThread, TShared = undefined> {
  readonly #entries = new Map<string, RegistryEntry>();
  readonly #options: ChannelRegistryOptions<TShared>;
  #thread: TThread | null = null;
  #disposed = false;

  constructor(
    ...[options]: undefined extends TShared
      ? [ChannelRegistryOptions<TShared>?]
      : [ChannelRegistryOptions<TShared>]
  ) {
    this.#options = options ?? ({} as ChannelRegistryOptions<TShared>);
  }

  /** The bound thread, or `null`. */
  get thread(): TThread | null {
    return this.#thread;
  }

  /** Number of keys with at least one live acquisition (diagnostic). */
  get size(): number {
    let count = 0;
    for (const entry of this.#entries.values()) if (entry.refCount > 0) count += 1;
    return count;
  }

  /** Whether a projection with at least one live hold needs the thread's connection (`spec.needsConnection`). */
  get needsConnection(): boolean {
    for (const entry of this.#entries.values()) {
      if (entry.refCount > 0 && entry.spec.needsConnection === true) return true;
    }
    return false;
  }

  /** Whether {@link ChannelRegistry.dispose} has been called. */
  get disposed(): boolean {
    return this.#disposed;
  }

  /**
   * Takes a hold on the projection `spec.key`, creating its store (at `spec.initial`) and opening
   * its runtime when a thread is bound. Throws {@link ChannelRegistryDisposedError} after dispose.
   *
   * @example
   * const { store, release } = registry.acquire(valuesSpec);
   */
  acquire<T>(spec: ProjectionSpec<T, TThread, TShared>): AcquiredProjection<T> {
    if (this.#disposed) throw new ChannelRegistryDisposedError(spec.key);
    let entry = this.#entries.get(spec.key);
    if (entry === undefined) {
      entry = this.#createEntry(spec as ProjectionSpec<unknown, unknown, unknown>);
      this.#entries.set(spec.key, entry);
      this.#open(entry);
    } else {
      entry.cancelRemoval?.();
      entry.cancelRemoval = undefined;
    }
    entry.refCount += 1;
    if (this.#thread === null) this.#options.onAcquireUnbound?.();
    const acquired = entry;
    let released = false;
    return {
      store: acquired.store as StreamStore<T>,
      release: () => {
        if (released) return;
        released = true;
        this.#release(acquired);
      },
    };
  }

  /**
   * Binds every entry to `thread`: disposes the old runtimes, resets each store to its initial
   * value (keeping the store), and opens new runtimes when `thread` is not `null`. Binding the
   * thread that is already bound does nothing, and so does binding after dispose.
   *
   * @example
   * registry.bind(newThread);
   */
  bind(thread: TThread | null): void {
    if (this.#disposed || Object.is(thread, this.#thread)) return;
    this.#thread = thread;
    // Snapshot: an `open` may acquire other keys; those are already opened against `thread`.
    for (const entry of [...this.#entries.values()]) {
      if (entry.refCount === 0) {
        // Waiting for its deferred removal: reopening it would be wasted work.
        this.#remove(entry);
        continue;
      }
      this.#close(entry);
      entry.store.setValue(resolveInitial(entry.spec.initial));
      this.#open(entry);
    }
  }

  /**
   * Disposes every runtime, forgets every entry and unbinds the thread. Stores keep their last
   * value; outstanding `release` calls become no-ops. Idempotent.
   *
   * @example
   * registry.dispose();
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#thread = null;
    const entries = [...this.#entries.values()];
    this.#entries.clear();
    for (const entry of entries) {
      entry.cancelRemoval?.();
      entry.cancelRemoval = undefined;
      this.#close(entry);
    }
  }

  #createEntry(spec: ProjectionSpec<unknown, unknown, unknown>): RegistryEntry {
    const store = new StreamStore(resolveInitial(spec.initial), {
      scheduler: this.#options.scheduler,
      onListenerError: this.#options.onListenerError,
    });
    return {
      spec,
      store,
      refCount: 0,
      runtime: undefined,
      abortController: undefined,
      cancelRemoval: undefined,
    };
  }

  #release(entry: RegistryEntry): void {
    entry.refCount -= 1;
    if (entry.refCount > 0 || this.#disposed || entry.cancelRemoval !== undefined) return;
    entry.cancelRemoval = scheduleMacrotask(() => {
      entry.cancelRemoval = undefined;
      if (entry.refCount === 0) this.#remove(entry);
    });
  }

  #remove(entry: RegistryEntry): void {
    entry.cancelRemoval?.();
    entry.cancelRemoval = undefined;
    if (this.#entries.get(entry.spec.key) === entry) this.#entries.delete(entry.spec.key);
    this.#close(entry);
  }

  #open(entry: RegistryEntry): void {
    const thread = this.#thread;
    if (thread === null) return;
    const abortController = new AbortController();
    const { key } = entry.spec;
    entry.abortController = abortController;
    try {
      entry.runtime = entry.spec.open({
        key,
        thread,
        store: guardedWriter(entry.store, abortController.signal),
        signal: abortController.signal,
        shared: this.#options.shared,
        reportError: (error) => this.#report(error, key, "runtime"),
        scheduler: this.#options.scheduler,
      });
    } catch (error) {
      // The entry stays (store at its initial value); the next bind tries to open it again.
      abortController.abort();
      entry.abortController = undefined;
      entry.runtime = undefined;
      this.#report(error, key, "open");
    }
  }

  #close(entry: RegistryEntry): void {
    const { runtime, abortController } = entry;
    entry.runtime = undefined;
    entry.abortController = undefined;
    abortController?.abort();
    if (runtime === undefined) return;
    const { key } = entry.spec;
    try {
      const result = runtime.dispose();
      if (isPromiseLike(result)) result.then(undefined, (error) => this.#report(error, key, "dispose"));
    } catch (error) {
      this.#report(error, key, "dispose");
    }
  }

  #report(error: unknown, key: string, phase: ProjectionErrorPhase): void {
    const onError = this.#options.onError;
    if (onError === undefined) reportUncaughtError(error);
    else onError(error, { key, phase });
  }
}

/** A writer that drops writes once `signal` is aborted (the runtime that owned it was disposed). */
function guardedWriter<T>(store: StreamStore<T>, signal: AbortSignal): StoreWriter<T> {
  return {
    getSnapshot: store.getSnapshot,
    setValue: (next) => {
      if (!signal.aborted) store.setValue(next);
    },
    setState: (updater) => {
      if (!signal.aborted) store.setState(updater);
    },
  };
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === "function";
}
