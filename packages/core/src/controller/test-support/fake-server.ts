import { matchesFilter } from "../../protocol/filter";
/**
 * A scriptable stand-in for the client and the thread stream, for controller unit tests: the test
 * decides which events arrive, when commands answer, and what the REST routes return.
 */
import type { Client, ThreadState } from "../../client/client";
import type { ProtocolEvent, SubscriptionFilter } from "../../protocol/types";
import type { RespondParams, RunStartParams } from "../../thread/thread-stream";

/** A promise with its settle functions, to hold a command's answer back. */
export interface Gate<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

/** Creates a {@link Gate}. */
export function gate<T>(): Gate<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((resolvePromise, rejectPromise) => ((resolve = resolvePromise), (reject = rejectPromise)));
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** The thread stream a {@link FakeServer} hands out. */
export class FakeThread {
  readonly ordering = { lastSeq: 0, lastEventId: undefined as string | undefined, lastAppliedThroughSeq: 0 };
  readonly filters: SubscriptionFilter[] = [];
  readonly starts: RunStartParams[] = [];
  readonly responds: RespondParams[] = [];
  readonly commands: string[] = [];
  closed = false;
  /** How `run.start` answers (default: at once with `run-<n>`). */
  startAnswer: (params: RunStartParams) => Promise<{ runId: string }> = async () => ({ runId: `run-${this.starts.length}` });
  /** How `input.respond` answers (default: at once). */
  respondAnswer: (params: RespondParams) => Promise<void> = async () => undefined;
  #seq = 0;
  readonly #listeners = new Set<(event: ProtocolEvent) => void>();

  constructor(readonly threadId: string) {}

  readonly run = {
    start: (params: RunStartParams): Promise<{ runId: string }> => {
      this.starts.push(params);
      return this.startAnswer(params);
    },
  };

  readonly input = {
    respond: (params: RespondParams): Promise<void> => {
      this.responds.push(params);
      return this.respondAnswer(params);
    },
  };

  onEvent(listener: (event: ProtocolEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  onError(): () => void {
    return () => undefined;
  }

  /** A subscription delivering the matching events this fake emits (discovery listens this way). */
  subscribe(filter: SubscriptionFilter) {
    this.filters.push(filter);
    const stops: (() => void)[] = [];
    return {
      ready: Promise.resolve(),
      onEvent: (listener: (event: ProtocolEvent) => void) => {
        const stop = this.onEvent((event) => {
          if (matchesFilter(filter, event)) listener(event);
        });
        stops.push(stop);
        return stop;
      },
      onEnd: () => () => undefined,
      unsubscribe: () => {
        for (const stop of stops.splice(0)) stop();
      },
    };
  }

  async command(method: string): Promise<Record<string, unknown>> {
    this.commands.push(method);
    this.ordering.lastAppliedThroughSeq = this.#seq;
    return {};
  }

  async close(): Promise<void> {
    this.closed = true;
    this.#listeners.clear();
  }

  /** Delivers one event (seq and id are numbered in order). */
  emit(method: string, data: unknown, namespace: string[] = []): ProtocolEvent {
    this.#seq += 1;
    const event: ProtocolEvent = {
      type: "event",
      method,
      seq: this.#seq,
      event_id: String(this.#seq),
      params: { namespace, timestamp: 0, data },
    };
    for (const listener of [...this.#listeners]) listener(event);
    return event;
  }

  /** A root (or `namespace`) lifecycle event. */
  lifecycle(status: string, extra: Record<string, unknown> = {}, namespace: string[] = []): ProtocolEvent {
    return this.emit("lifecycle", { event: status, ...extra }, namespace);
  }

  /** A root task start carrying the server's run id, as the agent server sends it. */
  taskStart(runId: string): ProtocolEvent {
    return this.emit("tasks", { id: `task-${this.#seq}`, name: "agent", input: {}, triggers: [], metadata: { run_id: runId } });
  }

  /** The server's sequence mark for the next command answer (what `run.start` meta carries). */
  markApplied(): void {
    this.ordering.lastAppliedThroughSeq = this.#seq;
  }
}

/**
 * A fake `Client`: `threads.stream` hands out {@link FakeThread}s (kept in `threads`), `getState`
 * and `getHistory` answer from `state` / `history`, `runs.cancel` calls are recorded.
 *
 * @example
 * const server = new FakeServer();
 * const controller = new StreamController({ assistantId: "agent", client: server.client });
 */
export class FakeServer {
  readonly threads: FakeThread[] = [];
  readonly cancels: { threadId: string; runId: string }[] = [];
  readonly getStateCalls: string[] = [];
  /** What `getState` answers (default: the thread does not exist). */
  state: (threadId: string) => Promise<ThreadState | null> = async () => null;
  /** What `getHistory` answers, newest first. */
  history: ThreadState[] = [];
  /** Called with each new thread stream before the controller uses it (set its answers here). */
  setUpThread: (thread: FakeThread) => void = () => undefined;

  readonly client = {
    threads: {
      stream: (threadId: string | undefined) => {
        if (typeof threadId !== "string") throw new Error("FakeServer: stream() needs a thread id");
        const thread = new FakeThread(threadId);
        this.threads.push(thread);
        this.setUpThread(thread);
        return thread;
      },
      getState: (threadId: string) => {
        this.getStateCalls.push(threadId);
        return this.state(threadId);
      },
      getHistory: async () => this.history,
    },
    runs: {
      cancel: async (threadId: string, runId: string) => {
        this.cancels.push({ threadId, runId });
      },
    },
  } as unknown as Client;

  /** The latest thread stream handed out. */
  get thread(): FakeThread {
    const thread = this.threads.at(-1);
    if (thread === undefined) throw new Error("FakeServer: no thread stream was opened");
    return thread;
  }
}

/** A stored thread state with the given messages (and `next`, default idle). */
export function storedState(messages: unknown[], extra: Partial<ThreadState> = {}): ThreadState {
  return {
    values: { messages },
    next: [],
    tasks: [],
    metadata: { step: 1 },
    created_at: null,
    checkpoint: { checkpoint_id: "checkpoint-head" },
    parent_checkpoint: { checkpoint_id: "checkpoint-before" },
    ...extra,
  };
}
