/**
 * Where a binding function lives: the injector its effects run in and the `DestroyRef` that ends
 * it. Every `inject*` function starts here.
 */
import { assertInInjectionContext, DestroyRef, effect, inject, Injector, runInInjectionContext, untracked } from "@angular/core";

/** Options every `inject*` function accepts. */
export interface InjectOptions {
  /** Run outside an injection context: effects use this injector and end with its `DestroyRef`. */
  injector?: Injector;
}

/** The injector and `DestroyRef` of one `inject*` call. */
export interface BindingContext {
  readonly injector: Injector;
  readonly destroyRef: DestroyRef;
}

/**
 * The context of the running `inject*` call: `options.injector`'s, or the current injection
 * context's. Throws a message naming both fixes when there is neither.
 */
export function bindingContext(name: string, caller: (...args: never[]) => unknown, options?: InjectOptions): BindingContext {
  const read = (): BindingContext => ({ injector: inject(Injector), destroyRef: inject(DestroyRef) });
  if (options?.injector !== undefined) return runInInjectionContext(options.injector, read);
  try {
    assertInInjectionContext(caller);
  } catch (cause) {
    throw new Error(
      `${name}() needs an injection context to know when to release the stream: call it in a constructor or field ` +
        `initializer (component, directive, service), inside runInInjectionContext(...), or pass { injector }.`,
      { cause },
    );
  }
  return read();
}

/**
 * Runs `run(source())` now and again whenever `source()` changes (compared with `equal`), calling
 * the previous run's cleanup first; the last cleanup runs when the context is destroyed. The first
 * run is synchronous, so whatever it opens is live before the caller's next line.
 */
export function watchValue<T>(
  source: () => T,
  run: (value: T, onCleanup: (cleanup: () => void) => void) => void,
  context: BindingContext,
  equal: (a: T, b: T) => boolean = Object.is,
): void {
  let cleanup: (() => void) | undefined;
  let last: T;
  const apply = (value: T): void => {
    cleanup?.();
    cleanup = undefined;
    last = value;
    run(value, (next) => (cleanup = next));
  };
  apply(untracked(source));
  const watcher = effect(
    () => {
      const value = source();
      if (!equal(value, last)) untracked(() => apply(value));
    },
    { injector: context.injector, manualCleanup: true },
  );
  // Destroyed with this context, not with whatever injector created the effect (reference defect §5.10).
  context.destroyRef.onDestroy(() => {
    watcher.destroy();
    cleanup?.();
    cleanup = undefined;
  });
}
