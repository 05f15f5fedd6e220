import type { InputRequestedData, LifecycleEventData, ProtocolEvent } from "../protocol/types";

/**
 * A pending `interrupt()` waiting for a response.
 *
 * @example
 * for (const interrupt of thread.interrupts) console.log(interrupt.interruptId, interrupt.payload);
 */
export interface PendingInterrupt<TPayload = unknown> {
  interruptId: string;
  payload: TPayload;
  namespace: string[];
}

/** Always-on tracking of pending interrupts and the `interrupted` flag, fed every new event. */
export class InterruptTracker {
  #interrupts: PendingInterrupt[] = [];
  #interrupted = false;
  readonly #listeners = new Set<() => void>();

  get interrupts(): readonly PendingInterrupt[] {
    return this.#interrupts;
  }

  get interrupted(): boolean {
    return this.#interrupted;
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  observe(event: ProtocolEvent): void {
    if (event.method === "input.requested") {
      const data = event.params.data as InputRequestedData;
      const interruptId = typeof data?.interrupt_id === "string" ? data.interrupt_id : `interrupt_${event.seq ?? 0}`;
      if (this.#interrupts.some((interrupt) => interrupt.interruptId === interruptId)) return;
      this.#interrupts = [...this.#interrupts, { interruptId, payload: data?.payload, namespace: [...event.params.namespace] }];
      this.#emit();
    } else if (event.method === "lifecycle") {
      const status = (event.params.data as LifecycleEventData)?.event;
      if (status === "interrupted") {
        this.#interrupted = true;
        this.#emit();
      } else if (status === "running" && event.params.namespace.length === 0) {
        // A new run session started: whatever was pending before was answered or superseded.
        this.reset();
      }
    }
  }

  /** Clears everything (a new run starts). */
  reset(): void {
    if (this.#interrupts.length === 0 && !this.#interrupted) return;
    this.#interrupts = [];
    this.#interrupted = false;
    this.#emit();
  }

  /** Removes answered interrupts. */
  answered(interruptIds: readonly string[]): void {
    const answered = new Set(interruptIds);
    this.#interrupts = this.#interrupts.filter((interrupt) => !answered.has(interrupt.interruptId));
    if (this.#interrupts.length === 0) this.#interrupted = false;
    this.#emit();
  }

  /** The namespace of a pending interrupt, if known. */
  namespaceOf(interruptId: string): string[] | undefined {
    return this.#interrupts.find((interrupt) => interrupt.interruptId === interruptId)?.namespace;
  }

  #emit(): void {
    for (const listener of this.#listeners) listener();
  }
}
