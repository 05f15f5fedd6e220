/**
 * Learns the server-side id of the root run in flight from the events themselves.
 */
import type { LifecycleEventData, ProtocolEvent } from "../protocol/types";

const TERMINAL_STATUSES = new Set(["completed", "failed", "interrupted"]);

/** Who started the run in flight: this controller (`run.start` returns its id) or not. */
export type RunOrigin = "local" | "foreign";

/**
 * The protocol gives a run id only in the `run.start` response: `input.respond` answers `{}`, and a
 * run found in flight by `hydrate` was started elsewhere. The agent server has no REST route that
 * lists a thread's runs either. What it does send is the root `tasks` channel, whose task-start
 * events carry `metadata.run_id`: the id `runs.cancel` accepts. This tracker reads them, so
 * `stop()` can cancel a resumed or re-attached run too.
 *
 * Task events carry the whole state each superstep, so the feed is wanted only while an id is
 * actually missing: a foreign run (resumed, re-attached, started elsewhere) whose first task has not
 * arrived yet, and while interrupts wait for an answer, so the feed is live before `respond` resumes
 * the run. `onFeedWanted` hears every change of that answer.
 *
 * States: idle (no run), awaiting (a run started or a command was sent, id not seen yet), known.
 *
 * @example
 * const runIds = new RunIdTracker((wanted) => connection.setRunIdFeed(wanted));
 * thread.onEvent((event) => runIds.observe(event));
 * const runId = await runIds.waitForCurrent(2_000); // undefined when no run is in flight
 */
export class RunIdTracker {
  #inFlight = false;
  #current: string | undefined;
  #last: string | undefined;
  #origin: RunOrigin = "foreign";
  /** A command that starts a run was sent and its root `running` has not arrived yet. */
  #expected = false;
  /** Seq of the in-flight run's root `running`: task events at or below it belong to older runs. */
  #runningSeq = 0;
  #feedWanted = false;
  /** The last run ended interrupted: a resume (a foreign run) is likely next. */
  #resumable = false;
  readonly #onFeedWanted: ((wanted: boolean) => void) | undefined;
  readonly #waiters = new Set<(runId: string | undefined) => void>();

  constructor(onFeedWanted?: (wanted: boolean) => void) {
    this.#onFeedWanted = onFeedWanted;
  }

  /** Whether the root `tasks` feed is needed now (see the class comment). */
  get feedWanted(): boolean {
    return this.#feedWanted;
  }

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

  /**
   * A command that starts a run was sent. A `foreign` run's id comes with its first task; a `local`
   * one's with the `run.start` response ({@link RunIdTracker.runStarted}).
   */
  expectRun(origin: RunOrigin = "foreign"): void {
    this.#resumable = false;
    this.#inFlight = true;
    this.#current = undefined;
    this.#origin = origin;
    this.#expected = true;
    this.#runningSeq = 0;
    this.#update();
  }

  /** The server answered `run.start` with this id (authoritative over anything read from tasks). */
  runStarted(runId: string): void {
    this.#last = runId;
    if (!this.#inFlight) return;
    this.#current = runId;
    this.#settle(runId);
    this.#update();
  }

  /** No run is in flight and interrupts wait for an answer (a thread loaded in that state). */
  awaitingResume(): void {
    if (this.#inFlight) return;
    this.#resumable = true;
    this.#update();
  }

  /** The command failed: no run starts. */
  cancelExpectedRun(): void {
    if (this.#current !== undefined) return;
    this.#inFlight = false;
    this.#expected = false;
    this.#settle(undefined);
    this.#update();
  }

  /** Reads one event (root `lifecycle` and root `tasks` matter). */
  observe(event: ProtocolEvent): void {
    if (event.params.namespace.length !== 0) return;
    if (event.method === "lifecycle") {
      const status = (event.params.data as LifecycleEventData | null)?.event;
      if (status === "running") this.#runningSeen(event.seq);
      else if (typeof status === "string" && TERMINAL_STATUSES.has(status)) {
        this.#inFlight = false;
        this.#expected = false;
        this.#resumable = status === "interrupted";
        this.#settle(undefined);
        this.#update();
      }
      return;
    }
    if (event.method !== "tasks") return;
    const runId = (event.params.data as { metadata?: { run_id?: unknown } } | null)?.metadata?.run_id;
    if (typeof runId !== "string" || runId.length === 0) return;
    // Before the expected run's `running`, or at or below the seq of the in-flight run's `running`
    // (a feed subscribed mid-thread replays earlier runs first), a task belongs to an older run.
    if (this.#expected || (typeof event.seq === "number" && event.seq <= this.#runningSeq)) return;
    this.#last = runId;
    if (!this.#inFlight || this.#current !== undefined) return;
    this.#current = runId;
    this.#settle(runId);
    this.#update();
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
    this.#expected = false;
    this.#resumable = false;
    this.#runningSeq = 0;
    this.#settle(undefined);
    this.#update();
  }

  /** A root `running`: the expected run started, or (unexpected) a run started elsewhere. */
  #runningSeen(seq: number | undefined): void {
    if (!this.#expected) {
      this.#origin = "foreign";
      this.#current = undefined;
    }
    this.#inFlight = true;
    this.#expected = false;
    this.#resumable = false;
    this.#runningSeq = typeof seq === "number" ? seq : 0;
    this.#update();
  }

  #settle(runId: string | undefined): void {
    for (const waiter of [...this.#waiters]) waiter(runId);
  }

  #update(): void {
    const wanted = this.#inFlight
      ? this.#current === undefined && this.#origin === "foreign"
      : this.#resumable;
    if (wanted === this.#feedWanted) return;
    this.#feedWanted = wanted;
    this.#onFeedWanted?.(wanted);
  }
}
