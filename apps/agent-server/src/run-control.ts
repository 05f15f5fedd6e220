import type { AnyGraph } from "./graphs/registry.js";
import { interruptedRunIds } from "./terminal-status.js";

/** Why a run was aborted; `interrupt` and `rollback` mirror the REST cancel `action`. */
export type CancelAction = "interrupt" | "rollback" | "shutdown";

interface ActiveRun {
  threadId: string;
  controller: AbortController;
  finished: Promise<void>;
}

type StreamEventsOptions = Record<string, unknown> & {
  version?: string;
  runId?: string;
  signal?: AbortSignal;
  configurable?: Record<string, unknown>;
};

type StreamEvents = (input: unknown, options?: StreamEventsOptions) => unknown;

/** Error a cancelled run's graph is aborted with. */
export class RunCancelledError extends Error {
  readonly action: CancelAction;
  constructor(action: CancelAction) {
    super(action === "shutdown" ? "Agent server shut down" : `Run cancelled (${action})`);
    this.name = "RunCancelledError";
    this.action = action;
  }
}

/**
 * The root `error` event the embed session turns into `lifecycle failed` with an `error` field.
 *
 * The embed server drops a run's error when the graph stream throws (root `failed` with no
 * `error`); yielding this event instead makes the session report it. `data` is the
 * `{error, message}` object, which the session serialises to JSON text: the same double
 * serialisation `langgraph dev` puts on the wire.
 */
const rootErrorEvent = (error: unknown) => {
  const name = error instanceof Error ? error.name : "Error";
  const message = error instanceof Error ? error.message : String(error);
  return {
    type: "event",
    method: "error",
    params: { namespace: [], timestamp: Date.now(), data: { error: name, message } },
  };
};

/**
 * Tracks the graph runs in flight so they can be cancelled, and reports their errors.
 *
 * The embed server starts protocol runs without an abort signal and its REST cancel route only
 * drops queued runs, so this registry wraps each graph's `streamEvents` to attach a signal of its
 * own, keyed by the run id the server passes as `runId`.
 *
 * @example
 * ```ts
 * const runs = new RunRegistry({ interruptSupported: true });
 * const graph = runs.instrument(buildGraph());
 * // later: await runs.cancel(threadId, runId, "interrupt")
 * ```
 */
export class RunRegistry {
  private readonly active = new Map<string, ActiveRun>();
  private readonly seen = new Map<string, string>();
  private readonly interruptSupported: boolean;

  /** `interruptSupported`: whether cancelled runs can end `interrupted` (see `installInterruptedTerminal`). */
  constructor(options: { interruptSupported: boolean }) {
    this.interruptSupported = options.interruptSupported;
  }

  /** Wraps `graph.streamEvents` so every run gets a cancellable signal; returns the same graph. */
  instrument<TGraph extends AnyGraph>(graph: TGraph): TGraph {
    const target = graph as unknown as { streamEvents: StreamEvents };
    const original = target.streamEvents.bind(graph);
    target.streamEvents = (input, options) => this.startRun(original, input, options);
    return graph;
  }

  /** Whether the run was ever started on this thread (running or finished). */
  has(threadId: string, runId: string): boolean {
    return this.seen.get(runId) === threadId;
  }

  /** Aborts a running run; with `wait`, resolves once its graph stream has ended. False when not running. */
  async cancel(threadId: string, runId: string, action: CancelAction, wait = false): Promise<boolean> {
    const run = this.active.get(runId);
    if (run === undefined || run.threadId !== threadId) return false;
    run.controller.abort(new RunCancelledError(action));
    if (wait) await run.finished;
    return true;
  }

  /** Aborts every run in flight and waits (bounded) for their streams to end. */
  async cancelAll(timeoutMs = 2_000): Promise<void> {
    const runs = [...this.active.values()];
    for (const run of runs) run.controller.abort(new RunCancelledError("shutdown"));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.all(runs.map((run) => run.finished)), deadline]);
    clearTimeout(timer);
  }

  private startRun(original: StreamEvents, input: unknown, options: StreamEventsOptions = {}): unknown {
    const runId = options.runId;
    const threadId = options.configurable?.thread_id;
    if (typeof runId !== "string" || typeof threadId !== "string") return original(input, options);
    const controller = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
    let markFinished: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => {
      markFinished = resolve;
    });
    this.active.set(runId, { threadId, controller, finished });
    this.seen.set(runId, threadId);
    const release = () => {
      this.active.delete(runId);
      markFinished();
    };
    const run = { runId, controller, release };
    try {
      const result = original(input, { ...options, signal });
      if (options.version !== "v3") return passThrough(result, release);
      // The protocol path awaits streamEvents v3, then iterates the resolved stream.
      return Promise.resolve(result).then(
        (stream) => this.protocolStream(stream as AsyncIterable<unknown>, run),
        (error: unknown) => {
          release();
          throw error;
        },
      );
    } catch (error) {
      release();
      throw error;
    }
  }

  private async *protocolStream(
    source: AsyncIterable<unknown>,
    run: { runId: string; controller: AbortController; release: () => void },
  ): AsyncGenerator<unknown> {
    try {
      yield* source;
    } catch (error) {
      const reason: unknown = run.controller.signal.reason;
      const cancelled = run.controller.signal.aborted && reason instanceof RunCancelledError;
      if (cancelled && reason.action === "interrupt" && this.interruptSupported) {
        // End quietly; the patched session reports the run as interrupted.
        interruptedRunIds.add(run.runId);
        return;
      }
      yield rootErrorEvent(cancelled ? reason : error);
    } finally {
      run.release();
    }
  }
}

function passThrough(result: unknown, release: () => void): unknown {
  if (typeof result === "object" && result !== null && Symbol.asyncIterator in result) {
    return (async function* () {
      try {
        yield* result as AsyncIterable<unknown>;
      } finally {
        release();
      }
    })();
  }
  release();
  return result;
}
