/**
 * The promise a binding suspends on while a thread loads, one per hydration cycle.
 */

interface Deferred {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
  settled: boolean;
}

function createDeferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((resolvePromise, rejectPromise) => {
    resolve = resolvePromise;
    reject = rejectPromise;
  });
  // A rejected hydration is also state (`rootStore.error`); nobody is required to await it.
  promise.catch(() => undefined);
  const deferred: Deferred = {
    promise,
    settled: false,
    resolve: () => {
      deferred.settled = true;
      resolve();
    },
    reject: (error) => {
      deferred.settled = true;
      reject(error);
    },
  };
  return deferred;
}

/**
 * Numbers hydration cycles so only the newest one settles `promise`: a stale `getState` that
 * returns late (the thread was switched meanwhile) can neither resolve nor reject the newer cycle.
 *
 * @example
 * const cycle = hydration.begin(true);
 * const state = await load();
 * if (hydration.isCurrent(cycle)) hydration.resolve(cycle);
 */
export class HydrationCycle {
  #cycle = 0;
  #deferred: Deferred;

  constructor() {
    this.#deferred = createDeferred();
    this.#deferred.resolve();
  }

  /** The current cycle's promise. */
  get promise(): Promise<void> {
    return this.#deferred.promise;
  }

  /**
   * Starts a cycle; a thread change (or a settled previous cycle) gets a fresh promise. A replaced
   * promise that never settled resolves, so code still awaiting the old thread does not hang.
   */
  begin(threadChanged: boolean): number {
    this.#cycle += 1;
    if (threadChanged || this.#deferred.settled) {
      if (!this.#deferred.settled) this.#deferred.resolve();
      this.#deferred = createDeferred();
    }
    return this.#cycle;
  }

  isCurrent(cycle: number): boolean {
    return cycle === this.#cycle;
  }

  resolve(cycle: number): void {
    if (this.isCurrent(cycle) && !this.#deferred.settled) this.#deferred.resolve();
  }

  reject(cycle: number, error: unknown): void {
    if (this.isCurrent(cycle) && !this.#deferred.settled) this.#deferred.reject(error);
  }
}
