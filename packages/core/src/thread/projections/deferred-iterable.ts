import { AsyncQueue } from "../async-queue";

/**
 * An async iterable of items that is also awaitable for a final value: iterate to see each
 * item as it arrives, or `await` to get the result once the source ends.
 */
export class IterableResult<TItem, TResult> implements AsyncIterable<TItem>, PromiseLike<TResult> {
  readonly #queue = new AsyncQueue<TItem>();
  readonly #result: Promise<TResult>;
  #resolve!: (value: TResult) => void;
  #reject!: (error: unknown) => void;

  constructor() {
    this.#result = new Promise<TResult>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // Nobody may await the result; a failure then is still visible through iteration.
    this.#result.catch(() => undefined);
  }

  push(item: TItem): void {
    this.#queue.push(item);
  }

  finish(result: TResult): void {
    this.#queue.end();
    this.#resolve(result);
  }

  fail(error: unknown): void {
    this.#queue.fail(error);
    this.#reject(error);
  }

  then<A = TResult, B = never>(
    onFulfilled?: ((value: TResult) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#result.then(onFulfilled, onRejected);
  }

  [Symbol.asyncIterator](): AsyncIterator<TItem> {
    return this.#queue[Symbol.asyncIterator]();
  }
}
