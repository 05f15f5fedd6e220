import { MalformedFrameError, ProtocolError, ThreadClosedError } from "../protocol/errors";
import type { ProtocolEvent, SubscriptionFilter } from "../protocol/types";
import type { AgentServerAdapter } from "../transport/adapter";
import type { ReconnectOptions } from "../transport/backoff";
import { EventFeed } from "./event-feed";
import { InterruptTracker, type PendingInterrupt } from "./interrupt-tracker";
import { RunFloor } from "./run-floor";
import { ThreadProjections } from "./projections/thread-projections";
import { EventSubscription, type SubscribeOptions } from "./subscription";

/** Options of `ThreadStream` (normally built by `client.threads.stream`). */
export interface ThreadStreamOptions {
  threadId: string;
  assistantId: string;
  adapter: AgentServerAdapter;
  reconnect?: ReconnectOptions;
  /** Shared command id counter (the WebSocket adapter draws from it too). */
  nextCommandId?: () => number;
}

/** How a new run treats one already in flight (sent as `multitaskStrategy`). */
export type MultitaskStrategy = "reject" | "rollback" | "interrupt" | "enqueue";

/** Parameters of `thread.run.start`. */
export interface RunStartParams {
  input?: unknown;
  config?: { configurable?: Record<string, unknown>; [key: string]: unknown };
  metadata?: Record<string, unknown>;
  multitaskStrategy?: MultitaskStrategy;
  /** Checkpoint id to fork from; folded into `config.configurable.checkpoint_id`. */
  forkFrom?: string;
}

/** One answer to one interrupt. */
export interface InterruptResponse {
  interruptId: string;
  response: unknown;
  /** Defaults to the namespace the interrupt was raised in. */
  namespace?: string[];
}

/** Parameters of `thread.input.respond`: one answer, or several at once in one command. */
export type RespondParams = (InterruptResponse | { responses: InterruptResponse[] }) & {
  update?: unknown;
  goto?: unknown;
  config?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
};

/** Always-on lifecycle watcher: interrupts and run boundaries are tracked without asking. */
const WATCHER_FILTER: SubscriptionFilter = { channels: ["lifecycle", "input"] };

/**
 * A live, thread-centric connection to one thread: start runs, answer interrupts, and read
 * what streams back, either raw (`subscribe`) or assembled (`messages`, `values`, ...).
 *
 * @example
 * const thread = client.threads.stream(undefined, { assistantId: "agent" });
 * const messages = thread.messages;
 * await thread.run.start({ input: { messages: [{ type: "human", content: "hi" }] } });
 * for await (const message of messages) for await (const token of message.text) process.stdout.write(token);
 * await thread.close();
 */
export class ThreadStream<TState = Record<string, unknown>> {
  readonly threadId: string;
  readonly assistantId: string;
  /** Diagnostic ordering info: last event seq/id seen and the server's applied-through seq. */
  readonly ordering = { lastSeq: 0, lastEventId: undefined as string | undefined, lastAppliedThroughSeq: 0 };
  readonly #adapter: AgentServerAdapter;
  readonly #feed: EventFeed;
  readonly #interrupts = new InterruptTracker();
  readonly #subscriptions = new Set<EventSubscription>();
  readonly #eventListeners = new Set<(event: ProtocolEvent) => void>();
  readonly #errorListeners = new Set<(error: unknown) => void>();
  readonly #nextCommandId: () => number;
  readonly #projections: ThreadProjections<TState>;
  readonly #runFloor = new RunFloor();
  #closed = false;
  #fatal: unknown = undefined;

  /** Run commands. */
  readonly run = {
    /** Starts a run on this thread; resolves with its id once the server accepted it. */
    start: (params: RunStartParams = {}): Promise<{ runId: string }> => this.#startRun(params),
  };

  /** Interrupt commands. */
  readonly input = {
    /** Answers one pending interrupt, or several at once (`responses`), resuming the run. */
    respond: (params: RespondParams): Promise<void> => this.#respond(params),
  };

  constructor(options: ThreadStreamOptions) {
    this.threadId = options.threadId;
    this.assistantId = options.assistantId;
    this.#adapter = options.adapter;
    let counter = 0;
    this.#nextCommandId = options.nextCommandId ?? (() => (counter += 1));
    this.#adapter.bind(this.threadId);
    this.#feed = new EventFeed(
      this.#adapter,
      {
        onNewEvent: (event) => this.#onNewEvent(event),
        onMalformedFrame: (raw, cause) => this.#reportError(new MalformedFrameError(raw, cause)),
        onFatal: (error) => this.#failThread(error),
      },
      options.reconnect,
    );
    this.#projections = new ThreadProjections<TState>({
      // Readers opened on a closed thread end with its error (a rejected promise, a throwing
      // iterator) rather than throwing from a property getter.
      subscribe: (filter) => this.#openSubscription(filter, { buffer: false }),
      runFloorSeq: () => this.#runFloor.seq,
      runFloorSettled: () => this.#runFloor.settled,
    });
    this.subscribe(WATCHER_FILTER, { buffer: false });
  }

  /** Pending interrupts from every namespace (always tracked). */
  get interrupts(): readonly PendingInterrupt[] {
    return this.#interrupts.interrupts;
  }

  /** Whether the thread is paused on an interrupt. */
  get interrupted(): boolean {
    return this.#interrupts.interrupted;
  }

  /** Whether `close()` was called or the stream failed for good. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Calls `listener` when interrupts or the `interrupted` flag change. */
  onInterruptsChange(listener: () => void): () => void {
    return this.#interrupts.onChange(listener);
  }

  /** Opens a subscription; events already on the server are replayed first, then live ones. */
  subscribe(filter: SubscriptionFilter, options?: SubscribeOptions): EventSubscription {
    this.#assertOpen();
    return this.#openSubscription(filter, options);
  }

  /** A subscription on the feed; on a closed thread it ends at once with the reason it closed. */
  #openSubscription(filter: SubscriptionFilter, options?: SubscribeOptions): EventSubscription {
    const subscription = new EventSubscription(
      filter,
      this.#feed,
      (removed) => this.#subscriptions.delete(removed),
      options,
    );
    this.#subscriptions.add(subscription);
    return subscription;
  }

  /** Calls `listener` once for every event this thread receives (any channel carried). */
  onEvent(listener: (event: ProtocolEvent) => void): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  /** Calls `listener` with non-fatal problems (malformed frames) and the fatal one that ends the stream. */
  onError(listener: (error: unknown) => void): () => void {
    this.#errorListeners.add(listener);
    return () => this.#errorListeners.delete(listener);
  }

  /** Sends any protocol command and resolves with its `result`; a protocol error rejects with `ProtocolError`. */
  async command(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    return (await this.#exchange(method, params)).result;
  }

  /** Sends a command; resolves with its result and the server's sequence mark, if it sent one. */
  async #exchange(
    method: string,
    params: Record<string, unknown>,
  ): Promise<{ result: Record<string, unknown>; mark: number | undefined }> {
    this.#assertOpen();
    const response = await this.#adapter.send({ id: this.#nextCommandId(), method, params });
    if (response.meta?.applied_through_seq !== undefined) {
      const applied = response.meta.applied_through_seq;
      // A server whose sequence went backwards restarted its thread record: old ids mean nothing now.
      if (applied < this.#feed.maxSeq) {
        this.#feed.resetDedupe();
        this.#runFloor.restart();
        this.ordering.lastSeq = 0;
      }
      this.ordering.lastAppliedThroughSeq = applied;
    }
    if (response.type === "error") throw new ProtocolError(response);
    return { result: response.result, mark: response.meta?.applied_through_seq };
  }

  /** Root state snapshots of the current run; iterate them, or await the last one. */
  get values() {
    return this.#projections.values;
  }
  /** The final root state of the current run; rejects with `RunFailedError` if it failed. */
  get output(): Promise<TState> {
    return this.#projections.output;
  }
  /** Messages of the root graph's nodes as they stream (one per `message-start`). */
  get messages() {
    return this.#projections.messages;
  }
  /** Tool executions of the root graph's nodes. */
  get toolCalls() {
    return this.#projections.toolCalls;
  }
  /** `extensions.<name>`: payloads of `custom:<name>` events. */
  get extensions() {
    return this.#projections.extensions;
  }
  /** Subgraphs discovered below the root (namespaces that have descendants). */
  get subgraphs() {
    return this.#projections.subgraphs;
  }
  /** Subagents started through `task` tool calls. */
  get subagents() {
    return this.#projections.subagents;
  }
  get images() {
    return this.#projections.media("image");
  }
  get audio() {
    return this.#projections.media("audio");
  }
  get video() {
    return this.#projections.media("video");
  }
  get files() {
    return this.#projections.media("file");
  }

  /** Closes every connection; pending commands and iterators end. The server run is not cancelled. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#teardown(new ThreadClosedError());
  }

  /** Stops everything once: the feed, every subscription (ended with `error`), readers, the adapter. */
  #teardown(error: unknown): Promise<void> {
    this.#closed = true;
    this.#feed.close();
    for (const subscription of [...this.#subscriptions]) subscription.fail(error);
    this.#subscriptions.clear();
    this.#projections.close();
    this.#runFloor.close();
    return this.#adapter.close();
  }

  async #startRun(params: RunStartParams): Promise<{ runId: string }> {
    this.#assertOpen();
    let config = params.config;
    if (params.forkFrom !== undefined) {
      config = { ...config, configurable: { ...config?.configurable, checkpoint_id: params.forkFrom } };
    }
    this.#beginRun();
    const result = await this.#startingCommand("run.start", {
      assistant_id: this.assistantId,
      input: params.input ?? null,
      ...(config !== undefined ? { config } : {}),
      ...(params.metadata !== undefined ? { metadata: params.metadata } : {}),
      ...(params.multitaskStrategy !== undefined ? { multitaskStrategy: params.multitaskStrategy } : {}),
    });
    return { runId: String(result.run_id ?? "") };
  }

  async #respond(params: RespondParams): Promise<void> {
    this.#assertOpen();
    const { update, goto, config, metadata } = params;
    const extra = {
      ...(update !== undefined ? { update } : {}),
      ...(goto !== undefined ? { goto } : {}),
      ...(config !== undefined ? { config } : {}),
      ...(metadata !== undefined ? { metadata } : {}),
    };
    const answers = "responses" in params ? params.responses : [params];
    if (answers.length === 0) throw new Error("input.respond needs at least one response");
    const wire = answers.map((answer) => ({
      namespace: answer.namespace ?? this.#interrupts.namespaceOf(answer.interruptId) ?? [],
      interrupt_id: answer.interruptId,
      response: answer.response,
    }));
    this.#beginRun();
    await this.#startingCommand("input.respond", "responses" in params ? { responses: wire, ...extra } : { ...wire[0], ...extra });
    this.#interrupts.answered(answers.map((answer) => answer.interruptId));
  }

  /** Marks where the next run starts: terminal events at or below this seq belong to older runs. */
  #beginRun(): void {
    this.#runFloor.begin(this.#feed.maxSeq);
    this.#projections.startRun();
  }

  /** Sends a command that starts or resumes a run and settles the run floor with its answer. */
  async #startingCommand(method: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
    let answer: { result: Record<string, unknown>; mark: number | undefined };
    try {
      answer = await this.#exchange(method, params);
    } catch (error) {
      this.#runFloor.failed();
      throw error;
    }
    this.#runFloor.accepted(answer.mark);
    return answer.result;
  }

  #onNewEvent(event: ProtocolEvent): void {
    if (typeof event.seq === "number" && event.seq > this.ordering.lastSeq) this.ordering.lastSeq = event.seq;
    if (event.event_id !== undefined) this.ordering.lastEventId = event.event_id;
    this.#runFloor.observe(event);
    this.#interrupts.observe(event);
    for (const listener of this.#eventListeners) {
      try {
        listener(event);
      } catch (error) {
        this.#reportError(error);
      }
    }
  }

  #reportError(error: unknown): void {
    for (const listener of this.#errorListeners) listener(error);
  }

  #failThread(error: unknown): void {
    if (this.#closed) return;
    this.#fatal = error;
    this.#reportError(error);
    void this.#teardown(error);
  }

  #assertOpen(): void {
    if (this.#closed) throw this.#fatal ?? new ThreadClosedError();
  }
}
