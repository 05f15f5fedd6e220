/**
 * An unbounded single-consumer queue exposed as an async iterable. Pushing is O(1); the
 * consumer drains in order. `end()` finishes iteration after queued items; `fail()` throws.
 */
export class AsyncQueue<T> implements AsyncIterable<T> {
  #items: T[] = [];
  #head = 0;
  #ended = false;
  #error: unknown = undefined;
  #failed = false;
  #waiter: ((result: IteratorResult<T>) => void) | undefined;
  #failWaiter: ((error: unknown) => void) | undefined;
  #iterating = false;

  get ended(): boolean {
    return this.#ended || this.#failed;
  }

  push(item: T): void {
    if (this.ended) return;
    if (this.#waiter) {
      const waiter = this.#waiter;
      this.#clearWaiter();
      waiter({ value: item, done: false });
      return;
    }
    this.#items.push(item);
  }

  end(): void {
    if (this.ended) return;
    this.#ended = true;
    if (this.#waiter && this.#head >= this.#items.length) {
      const waiter = this.#waiter;
      this.#clearWaiter();
      waiter({ value: undefined, done: true });
    }
  }

  fail(error: unknown): void {
    if (this.ended) return;
    this.#failed = true;
    this.#error = error;
    if (this.#failWaiter && this.#head >= this.#items.length) {
      const reject = this.#failWaiter;
      this.#clearWaiter();
      reject(error);
    }
  }

  #clearWaiter(): void {
    this.#waiter = undefined;
    this.#failWaiter = undefined;
  }

  #next(): Promise<IteratorResult<T>> {
    if (this.#head < this.#items.length) {
      const value = this.#items[this.#head]!;
      this.#items[this.#head] = undefined as T;
      this.#head += 1;
      if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
        this.#items = this.#items.slice(this.#head);
        this.#head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.#failed) return Promise.reject(this.#error);
    if (this.#ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.#waiter = resolve;
      this.#failWaiter = reject;
    });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.#iterating) throw new Error("This stream can be iterated only once; subscribe again for a second reader");
    this.#iterating = true;
    return {
      next: () => this.#next(),
      return: async () => {
        this.end();
        this.#items = [];
        this.#head = 0;
        return { value: undefined, done: true };
      },
    };
  }
}
