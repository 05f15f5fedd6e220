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
export const EMPTY_QUEUE: readonly SubmissionQueueEntry[] = Object.freeze([]);

/** What the coordinator needs from the controller. */
export interface SubmitHost {
  readonly disposed: boolean;
  currentThreadId(): string | null;
  hydrate(threadId: string | null): Promise<void>;
  /** Mints and binds a new thread id. */
  mintThreadId(): string;
  /** Synchronous start of a run: loading on, error and interrupts cleared, optimistic input shown. */
  beginRun(input: unknown, replacing: boolean): { echoIds: readonly string[]; dispatchInput: unknown };
  /** Sends `run.start` on the bound thread; resolves with the run id once accepted. */
  startRun(params: RunStartParams): Promise<string>;
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
  runId: string | undefined;
  readonly runIdPromise: Promise<string | undefined>;
  #resolveRunId!: (runId: string | undefined) => void;

  constructor(readonly threadId: string | null) {
    this.runIdPromise = new Promise((resolve) => (this.#resolveRunId = resolve));
  }

  get signal(): AbortSignal {
    return this.abortController.signal;
  }

  settleRunId(runId: string | undefined): void {
    this.runId = runId;
    this.#resolveRunId(runId);
  }
}

function reasonOf(outcome: TerminalOutcome): RunCompletedReason {
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
    const run = new ActiveRun(this.#host.currentThreadId());
    this.#active = run;
    previous?.abortController.abort();
    const { echoIds, dispatchInput } = this.#host.beginRun(input, previous !== undefined);
    const cancelAction = strategy === "interrupt" ? "interrupt" : "rollback";
    await this.#dispatch(run, dispatchInput, options, echoIds, previous, cancelAction);
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
    input: unknown,
    options: StreamSubmitOptions,
    echoIds: readonly string[],
    previous: ActiveRun | undefined,
    cancelAction: "interrupt" | "rollback",
  ): Promise<void> {
    const host = this.#host;
    let runId: string | undefined;
    try {
      const threadId = host.currentThreadId() ?? host.mintThreadId();
      if (previous !== undefined) await this.#cancelPrevious(previous, cancelAction);
      if (run.signal.aborted) return;
      const configurable = { ...options.config?.configurable, thread_id: threadId };
      runId = await host.startRun({
        input,
        config: {
          ...options.config,
          configurable,
          ...(options.context !== undefined ? { context: options.context } : {}),
        },
        metadata: options.metadata,
        forkFrom: options.forkFrom,
        multitaskStrategy: options.multitaskStrategy === "interrupt" ? "interrupt" : "rollback",
      });
      run.settleRunId(runId);
      if (run.signal.aborted) return;
      host.runCreated(runId);
      const outcome = await host.waitForTerminal(run.signal);
      if (outcome.status === "failed") host.reportError(outcome.error, options.onError);
      host.runCompleted(runId, reasonOf(outcome));
    } catch (error) {
      run.settleRunId(undefined);
      if (run.signal.aborted || host.disposed) return;
      host.dispatchFailed(echoIds);
      host.reportError(error, options.onError);
    } finally {
      run.settleRunId(runId);
      if (this.#active === run) {
        this.#active = undefined;
        host.setLoading(false);
        this.#scheduleDrain();
      }
    }
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
