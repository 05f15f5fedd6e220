/**
 * The run lifecycle of `submit`: multitask strategies, the client-side queue, dispatch, and the
 * wait for the run's end.
 */
import { v7 as uuidv7 } from "uuid";
import type { RunStartParams } from "../thread/thread-stream";
import { scheduleMacrotask } from "../store/macrotask";
import { StreamStore } from "../store/stream-store";
import type { TerminalOutcome } from "./lifecycle-loading-tracker";
import type { RunCompletedReason, StreamSubmitOptions, SubmissionQueueEntry } from "./types";

/** Thrown by `submit` with `multitaskStrategy: "reject"` while a run is in flight. */
export class RunInFlightError extends Error {
  override readonly name = "RunInFlightError";
  constructor() {
    super(
      'A run is already in flight and multitaskStrategy is "reject". Wait for it to finish (isLoading false), ' +
        'call stop() first, or submit with "rollback", "interrupt" or "enqueue".',
    );
  }
}

/** The empty queue snapshot (one frozen instance). */
const EMPTY_QUEUE: readonly SubmissionQueueEntry[] = Object.freeze([]);

/** What the coordinator needs from the controller. */
export interface SubmitHost {
  readonly disposed: boolean;
  currentThreadId(): string | null;
  hydrate(threadId: string | null): Promise<void>;
  /** Mints and binds a new thread id. */
  mintThreadId(): string;
  /**
   * Synchronous start of a run: loading on, error and interrupts cleared, optimistic input shown.
   * Throws for input it cannot send (nothing changed then).
   */
  beginRun(
    input: unknown,
    replacing: boolean,
    options: StreamSubmitOptions,
  ): { echoIds: readonly string[]; dispatchInput: unknown };
  /** Sends `run.start` on the bound thread; resolves with the run id once accepted (`undefined`: the server sent none). */
  startRun(params: RunStartParams): Promise<string | undefined>;
  waitForTerminal(signal: AbortSignal): Promise<TerminalOutcome>;
  /** The dispatch failed; no run will start. */
  dispatchFailed(echoIds: readonly string[]): void;
  setLoading(loading: boolean): void;
  reportError(error: unknown, onError: ((error: unknown) => void) | undefined): void;
  runCreated(runId: string): void;
  runCompleted(runId: string | undefined, reason: RunCompletedReason): void;
  cancelOnServer(threadId: string, runId: string, action: "interrupt" | "rollback"): Promise<void>;
}

/** One submit in flight. */
class ActiveRun {
  readonly abortController = new AbortController();
  /** Bound when the dispatch starts (a thread id may be minted first). */
  threadId: string | null = null;
  runId: string | undefined;
  readonly runIdPromise: Promise<string | undefined>;
  #resolveRunId!: (runId: string | undefined) => void;
  #settled = false;

  constructor() {
    this.runIdPromise = new Promise((resolve) => (this.#resolveRunId = resolve));
  }

  get signal(): AbortSignal {
    return this.abortController.signal;
  }

  /** Records the server's run id (`undefined`: none will come); only the first call counts. */
  settleRunId(runId: string | undefined): void {
    if (this.#settled) return;
    this.#settled = true;
    this.runId = runId;
    this.#resolveRunId(runId);
  }
}

/** `onCompleted`'s reason for how a run ended. */
export function reasonOf(outcome: TerminalOutcome): RunCompletedReason {
  if (outcome.status === "completed") return "success";
  if (outcome.status === "failed") return "error";
  if (outcome.status === "interrupted") return "interrupt";
  return "stopped";
}

/**
 * Runs submits one at a time per controller. `rollback` (default) and `interrupt` cancel the run
 * in flight on the server with that action and start the new one; `reject` throws
 * {@link RunInFlightError}; `enqueue` stores the submit in `queueStore`, drained in order after
 * each run ends. Only the newest submit ever clears `isLoading`.
 *
 * @example
 * const coordinator = new SubmitCoordinator(host);
 * await coordinator.submit({ messages: "hi" });
 */
export class SubmitCoordinator {
  readonly queueStore = new StreamStore<readonly SubmissionQueueEntry[]>(EMPTY_QUEUE);
  readonly #host: SubmitHost;
  #active: ActiveRun | undefined;

  constructor(host: SubmitHost) {
    this.#host = host;
  }

  /** Whether a submit of this controller is in flight. */
  get hasActiveRun(): boolean {
    return this.#active !== undefined;
  }

  /** The id of the run in flight, once the server accepted it. */
  get activeRunId(): string | undefined {
    return this.#active?.runId;
  }

  /** Starts a run (see the class comment for strategies); resolves when its active phase ends. */
  async submit(input: unknown, options: StreamSubmitOptions = {}): Promise<void> {
    if (this.#host.disposed) return;
    if (options.threadId !== undefined && options.threadId !== this.#host.currentThreadId()) {
      await this.#host.hydrate(options.threadId);
      if (this.#host.disposed) return;
    }
    const strategy = options.multitaskStrategy ?? "rollback";
    const previous = this.#active;
    if (previous !== undefined && strategy === "reject") throw new RunInFlightError();
    if (previous !== undefined && strategy === "enqueue") {
      this.#enqueue(input, options);
      return;
    }
    let started: { echoIds: readonly string[]; dispatchInput: unknown };
    try {
      started = this.#host.beginRun(input, previous !== undefined, options);
    } catch (error) {
      // Unusable input: nothing was sent or changed, and no phantom run blocks the next submit.
      this.#host.reportError(error, options.onError);
      return;
    }
    const run = new ActiveRun();
    this.#active = run;
    previous?.abortController.abort();
    const cancelAction = strategy === "interrupt" ? "interrupt" : "rollback";
    await this.#dispatch(run, started, options, previous, cancelAction);
  }

  /** Stops the run in flight locally; resolves with its run id (once known) for a server cancel. */
  async abortActive(): Promise<{ threadId: string | null; runId: string | undefined } | undefined> {
    const run = this.#active;
    if (run === undefined) return undefined;
    this.#active = undefined;
    run.abortController.abort();
    this.#host.setLoading(false);
    this.#scheduleDrain();
    return { threadId: run.threadId, runId: await run.runIdPromise };
  }

  /** Removes a queued submit; true when it was queued. */
  cancelQueued(id: string): boolean {
    const queue = this.queueStore.getSnapshot();
    const next = queue.filter((entry) => entry.id !== id);
    if (next.length === queue.length) return false;
    this.queueStore.setValue(next.length === 0 ? EMPTY_QUEUE : next);
    return true;
  }

  /** Empties the queue. */
  clearQueue(): void {
    this.queueStore.setValue(EMPTY_QUEUE);
  }

  /** Forgets the run in flight without cancelling it (thread switch, dispose) and empties the queue. */
  reset(): void {
    const run = this.#active;
    this.#active = undefined;
    run?.abortController.abort();
    this.clearQueue();
  }

  async #dispatch(
    run: ActiveRun,
    started: { echoIds: readonly string[]; dispatchInput: unknown },
    options: StreamSubmitOptions,
    previous: ActiveRun | undefined,
    cancelAction: "interrupt" | "rollback",
  ): Promise<void> {
    const host = this.#host;
    try {
      run.threadId = host.currentThreadId() ?? host.mintThreadId();
      if (previous !== undefined) await this.#cancelPrevious(previous, cancelAction);
      if (run.signal.aborted) return;
      // Listening before dispatch: a fast run may end before the server's answer arrives.
      const terminal = host.waitForTerminal(run.signal);
      const runId = await host.startRun({
        input: started.dispatchInput,
        config: {
          ...options.config,
          configurable: { ...options.config?.configurable, thread_id: run.threadId },
          ...(options.context !== undefined ? { context: options.context } : {}),
        },
        metadata: options.metadata,
        forkFrom: options.forkFrom,
        multitaskStrategy: options.multitaskStrategy === "interrupt" ? "interrupt" : "rollback",
      });
      run.settleRunId(runId);
      if (runId !== undefined) host.runCreated(runId);
      const outcome = await terminal;
      if (outcome.status === "failed") host.reportError(outcome.error, options.onError);
      host.runCompleted(runId, reasonOf(outcome));
    } catch (error) {
      run.settleRunId(undefined);
      if (run.signal.aborted || host.disposed) return;
      host.dispatchFailed(started.echoIds);
      host.reportError(error, options.onError);
    } finally {
      run.settleRunId(undefined);
      this.#finish(run);
    }
  }

  /** The run's active phase ended: only the newest submit clears loading and drains the queue. */
  #finish(run: ActiveRun): void {
    run.settleRunId(undefined);
    if (this.#active !== run) return;
    this.#active = undefined;
    this.#host.setLoading(false);
    this.#scheduleDrain();
  }

  /** The server enqueues every new run, so the replaced one must be cancelled for the new one to start. */
  async #cancelPrevious(previous: ActiveRun, action: "interrupt" | "rollback"): Promise<void> {
    const previousRunId = await previous.runIdPromise;
    if (previousRunId === undefined || previous.threadId === null) return;
    try {
      await this.#host.cancelOnServer(previous.threadId, previousRunId, action);
    } catch {
      // The run may already have finished; the new run starts either way.
    }
  }

  #enqueue(input: unknown, options: StreamSubmitOptions): void {
    const entry: SubmissionQueueEntry = { id: uuidv7(), values: input, options, createdAt: new Date() };
    this.queueStore.setValue([...this.queueStore.getSnapshot(), entry]);
  }

  #scheduleDrain(): void {
    scheduleMacrotask(() => {
      if (this.#host.disposed || this.#active !== undefined) return;
      const [next, ...rest] = this.queueStore.getSnapshot();
      if (next === undefined) return;
      this.queueStore.setValue(rest.length === 0 ? EMPTY_QUEUE : rest);
      // Errors of a drained submit reach rootStore.error and onError; nobody awaits this promise.
      this.submit(next.values, { ...next.options, multitaskStrategy: "enqueue" }).catch(() => undefined);
    });
  }
}
