/**
 * Drives `isLoading` from root lifecycle events and tells waiting submits when their run ended.
 */
import { isTerminalLifecycleStatus, type LifecycleEventData, type ProtocolEvent } from "../protocol/types";
import { runFailedErrorFrom, type RunFailedError } from "../thread/run-errors";

/** How a root run ended. */
export interface RootTerminal {
  readonly status: "completed" | "failed" | "interrupted";
  /** The error of a failed run, with the graph's own message. */
  readonly error: RunFailedError | undefined;
}

/** What a submit waiting on its run gets back. */
export type TerminalOutcome = RootTerminal | { readonly status: "aborted" };


/**
 * Reads root `lifecycle` events: `running` sets loading, a terminal clears it and wakes waiting
 * submits. After a command is sent (`expectRunStart`), terminals are ignored until the new run's
 * `running`: a terminal in between belongs to the run the command replaced.
 *
 * @example
 * const tracker = new LifecycleLoadingTracker((loading) => patch({ isLoading: loading }));
 * tracker.expectRunStart();
 * const outcome = await tracker.nextTerminal(signal);
 */
export class LifecycleLoadingTracker {
  readonly #setLoading: (loading: boolean) => void;
  #expectingRunStart = false;
  readonly #waiters = new Set<(outcome: TerminalOutcome) => void>();

  constructor(setLoading: (loading: boolean) => void) {
    this.#setLoading = setLoading;
  }

  /** A command that starts a run was sent. */
  expectRunStart(): void {
    this.#expectingRunStart = true;
  }

  /** The command failed: no run will start. */
  cancelExpectedRunStart(): void {
    this.#expectingRunStart = false;
  }

  /** Handles a root event; returns the terminal it carried, if it ended the current run. */
  handle(event: ProtocolEvent): RootTerminal | undefined {
    if (event.method !== "lifecycle" || event.params.namespace.length !== 0) return undefined;
    const data = event.params.data as LifecycleEventData | null;
    const status = data?.event;
    if (status === "running") {
      this.#expectingRunStart = false;
      this.#setLoading(true);
      return undefined;
    }
    if (!isTerminalLifecycleStatus(status) || this.#expectingRunStart) return undefined;
    const terminal: RootTerminal = {
      status,
      error: status === "failed" ? runFailedErrorFrom(data?.error) : undefined,
    };
    this.#setLoading(false);
    this.#settle(terminal);
    return terminal;
  }

  /** Resolves with the next terminal, or `aborted` when `signal` aborts first. */
  nextTerminal(signal: AbortSignal): Promise<TerminalOutcome> {
    if (signal.aborted) return Promise.resolve({ status: "aborted" });
    return new Promise((resolve) => {
      const finish = (outcome: TerminalOutcome): void => {
        this.#waiters.delete(finish);
        signal.removeEventListener("abort", onAbort);
        resolve(outcome);
      };
      const onAbort = (): void => finish({ status: "aborted" });
      signal.addEventListener("abort", onAbort, { once: true });
      this.#waiters.add(finish);
    });
  }

  /** Forgets the current run (thread switch); waiting submits resolve as aborted. */
  reset(): void {
    this.#expectingRunStart = false;
    this.#settle({ status: "aborted" });
  }

  #settle(outcome: TerminalOutcome): void {
    for (const waiter of [...this.#waiters]) waiter(outcome);
  }
}
