/**
 * Learns the server-side id of the root run in flight from the events themselves.
 */
import { isTerminalLifecycleStatus, type LifecycleEventData, type ProtocolEvent } from "../protocol/types";


/**
 * The protocol gives a run id only in the `run.start` response: `input.respond` answers `{}`, and a
 * run found in flight by `hydrate` was started elsewhere. The agent server has no REST route that
 * lists a thread's runs either. What it does send is the root `tasks` channel, whose task-start
 * events carry `metadata.run_id`: the id `runs.cancel` accepts. This tracker reads them, so
 * `stop()` can cancel a resumed or re-attached run too.
 *
 * States: idle (no run), awaiting (a run started or a command was sent, id not seen yet), known.
 *
 * @example
 * const runIds = new RunIdTracker();
 * thread.onEvent((event) => runIds.observe(event));
 * const runId = await runIds.waitForCurrent(2_000); // undefined when no run is in flight
 */
export class RunIdTracker {
  #inFlight = false;
  #current: string | undefined;
  #last: string | undefined;
  readonly #waiters = new Set<(runId: string | undefined) => void>();

  /** The id of the root run in flight, once seen. */
  get current(): string | undefined {
    return this.#inFlight ? this.#current : undefined;
  }

  /** The id of the latest run seen, in flight or ended (for `onCompleted`). */
  get last(): string | undefined {
    return this.#last;
  }

  /** Whether a root run is in flight (or a command that starts one was sent). */
  get inFlight(): boolean {
    return this.#inFlight;
  }

  /** A command that starts a run was sent; its id comes with the run's first task. */
  expectRun(): void {
    this.#inFlight = true;
    this.#current = undefined;
  }

  /** The command failed: no run starts. */
  cancelExpectedRun(): void {
    if (this.#current !== undefined) return;
    this.#inFlight = false;
    this.#settle(undefined);
  }

  /** Reads one event (root `lifecycle` and root `tasks` matter). */
  observe(event: ProtocolEvent): void {
    if (event.params.namespace.length !== 0) return;
    if (event.method === "lifecycle") {
      const status = (event.params.data as LifecycleEventData | null)?.event;
      if (status === "running") this.expectRun();
      else if (isTerminalLifecycleStatus(status)) {
        this.#inFlight = false;
        this.#settle(undefined);
      }
      return;
    }
    if (event.method !== "tasks") return;
    const runId = (event.params.data as { metadata?: { run_id?: unknown } } | null)?.metadata?.run_id;
    if (typeof runId !== "string" || runId.length === 0) return;
    this.#last = runId;
    if (!this.#inFlight || this.#current !== undefined) return;
    this.#current = runId;
    this.#settle(runId);
  }

  /**
   * Resolves with the id of the run in flight: at once when known, `undefined` when no run is in
   * flight, else when its first task arrives (or `undefined` once the run ends or `timeoutMs` passed).
   */
  waitForCurrent(timeoutMs: number): Promise<string | undefined> {
    if (!this.#inFlight || this.#current !== undefined) return Promise.resolve(this.current);
    return new Promise((resolve) => {
      const finish = (runId: string | undefined): void => {
        clearTimeout(timer);
        this.#waiters.delete(finish);
        resolve(runId);
      };
      const timer = setTimeout(() => finish(undefined), timeoutMs);
      this.#waiters.add(finish);
    });
  }

  /** Forgets everything (thread switch); waiters resolve with `undefined`. */
  reset(): void {
    this.#inFlight = false;
    this.#current = undefined;
    this.#last = undefined;
    this.#settle(undefined);
  }

  #settle(runId: string | undefined): void {
    for (const waiter of [...this.#waiters]) waiter(runId);
  }
}
