/**
 * `StreamController`: the framework-agnostic state of one `useStream`-like binding.
 */
import { v7 as uuidv7 } from "uuid";
import type { ThreadState } from "../client/client";
import { matchesFilter } from "../protocol/filter";
import type { CheckpointEventData, ProtocolEvent } from "../protocol/types";
import { ChannelRegistry } from "../store/channel-registry";
import { scheduleMacrotask, type CancelMacrotask } from "../store/macrotask";
import { NotificationScheduler } from "../store/notification-scheduler";
import type { StreamStore } from "../store/stream-store";
import type { InterruptResponse, RunStartParams, ThreadStream } from "../thread/thread-stream";
import { HydrationCycle } from "./hydration";
import { InterruptList, interruptsFromState, isRunInFlight } from "./interrupts";
import { LifecycleLoadingTracker } from "./lifecycle-loading-tracker";
import { MessageMetadataTracker } from "./message-metadata";
import { prepareSubmitInput } from "./optimistic-input";
import { ROOT_PUMP_FILTER, RootEventFanout, type RootEventBus } from "./root-event-bus";
import { RootMessageProjection } from "./root-message-projection";
import { RootState } from "./root-state";
import { RootToolCalls } from "./root-tool-calls";
import { SubmitCoordinator, type SubmitHost } from "./submit-coordinator";
import { ThreadConnection } from "./thread-connection";
import {
  DEFAULT_MESSAGES_KEY,
  type MessageMetadataMap,
  type RootSnapshot,
  type StreamCallbacks,
  type StreamControllerOptions,
  type StreamRespondAllOptions,
  type StreamRespondOptions,
  type StreamStopOptions,
  type StreamSubmitOptions,
  type SubmissionQueueEntry,
} from "./types";

/** Messages at the root or in a direct child that is not a tool or subagent task. */
function isRootConversationNamespace(namespace: readonly string[]): boolean {
  if (namespace.length === 0) return true;
  const segment = namespace[0]!;
  return namespace.length === 1 && !segment.startsWith("tools:") && !segment.startsWith("task:");
}

/**
 * Streams one thread of an agent server into stores a UI binding subscribes to. It owns at most one
 * `ThreadStream` with a single root subscription; `submit`, `respond`, `stop` and `hydrate` drive it.
 *
 * @example
 * const controller = new StreamController({ assistantId: "agent", client: new Client({ apiUrl }) });
 * const stop = controller.rootStore.subscribe(() => render(controller.rootStore.getSnapshot()));
 * await controller.submit({ messages: "Hello" });
 * await controller.dispose();
 */
export class StreamController<TState extends Record<string, unknown> = Record<string, unknown>, TInterrupt = unknown> {
  readonly rootStore: StreamStore<RootSnapshot<TState, TInterrupt>>;
  readonly messageMetadataStore: StreamStore<MessageMetadataMap>;
  readonly queueStore: StreamStore<readonly SubmissionQueueEntry[]>;
  readonly registry: ChannelRegistry<ThreadStream<TState>, RootEventBus<TState>>;

  readonly #options: StreamControllerOptions<TState>;
  #callbacks: StreamCallbacks;
  readonly #messagesKey: string;
  readonly #initialValues: TState;
  readonly #scheduler: NotificationScheduler;
  readonly #root: RootState<TState, TInterrupt>;
  readonly #conversation: RootMessageProjection;
  readonly #toolCalls: RootToolCalls;
  readonly #metadata = new MessageMetadataTracker();
  readonly #interrupts = new InterruptList();
  readonly #tracker: LifecycleLoadingTracker;
  readonly #coordinator: SubmitCoordinator;
  readonly #bus: RootEventFanout<TState>;
  readonly #hydration = new HydrationCycle();
  #connection: ThreadConnection<TState> | undefined;
  /** Whether a new connection must deliver the thread's replayed history (false: stored state is shown). */
  #replayHistory = true;
  #generation = 0;
  #lastCheckpoint: CheckpointEventData | undefined;
  /** Values of supersteps older than the stored state (replayed while re-attaching) are skipped. */
  #minValuesStep: number | undefined;
  /** After `stop()` or a rollback, the old run's remaining events are ignored until the next run starts. */
  #muted = false;
  #disposed = false;
  #cancelDeferredDispose: CancelMacrotask | undefined;
  readonly #threadListeners = new Set<(thread: ThreadStream<TState> | undefined) => void>();

  constructor(options: StreamControllerOptions<TState>) {
    this.#options = options;
    this.#callbacks = options;
    this.#messagesKey = options.messagesKey ?? DEFAULT_MESSAGES_KEY;
    this.#initialValues = options.initialValues ?? ({} as TState);
    this.#scheduler = new NotificationScheduler({ throttleMs: options.throttleMs });
    this.#root = new RootState<TState, TInterrupt>(
      this.#scheduler,
      { interrupts: [], isLoading: false, isThreadLoading: false, error: undefined, threadId: null },
      this.#initialValues,
    );
    this.#conversation = new RootMessageProjection(this.#messagesKey, this.#initialValues, this.#root.markDirty);
    this.#toolCalls = new RootToolCalls(this.#root.markDirty);
    this.#root.attach(this.#conversation, this.#toolCalls);
    this.rootStore = this.#root.store;
    this.messageMetadataStore = this.#metadata.store;
    this.#tracker = new LifecycleLoadingTracker((isLoading) => this.#root.patch({ isLoading }));
    this.#coordinator = new SubmitCoordinator(this.#submitHost());
    this.queueStore = this.#coordinator.queueStore;
    this.#bus = new RootEventFanout<TState>(this.rootStore as StreamStore<RootSnapshot<TState>>);
    this.registry = new ChannelRegistry<ThreadStream<TState>, RootEventBus<TState>>({
      shared: this.#bus,
      scheduler: this.#scheduler,
    });
    if (typeof options.threadId === "string") void this.hydrate(options.threadId);
  }

  /** Settles when the current hydration finishes; rejects when loading the thread failed. */
  get hydrationPromise(): Promise<void> {
    return this.#hydration.promise;
  }

  /** Replaces the callbacks (bindings pass their latest ones; no rebuild needed). */
  setCallbacks(callbacks: StreamCallbacks): void {
    this.#callbacks = callbacks;
  }

  /**
   * Starts a run. Resolves when the run's active phase ends (completed, failed, interrupted or
   * stopped); errors go to `rootStore.error` and `onError`. Throws only for `multitaskStrategy: "reject"`.
   *
   * @example
   * await controller.submit({ messages: "What's the weather?" }, { config: { configurable: { city: "Paris" } } });
   */
  submit(input: unknown, options?: StreamSubmitOptions): Promise<void> {
    return this.#coordinator.submit(input, options);
  }

  /**
   * Stops the run in flight; with `cancel` (default) it is also cancelled on the server.
   *
   * @example
   * await controller.stop();
   */
  async stop(options: StreamStopOptions = {}): Promise<void> {
    this.#muted = true;
    const aborted = this.#coordinator.abortActive();
    this.#root.patch({ isLoading: false });
    this.#root.flushNow();
    const stopped = await aborted;
    if (options.cancel === false || stopped?.runId === undefined || stopped.threadId === null) return;
    try {
      await this.#options.client.runs.cancel(stopped.threadId, stopped.runId);
    } catch {
      // The run may already have ended; nothing is left to cancel.
    }
  }

  /**
   * Stops listening without cancelling: the server run keeps going; `hydrate()` re-attaches later.
   *
   * @example
   * await controller.disconnect();
   */
  async disconnect(): Promise<void> {
    this.#generation += 1;
    void this.#coordinator.abortActive();
    this.#tracker.reset();
    this.#root.patch({ isLoading: false });
    this.#replayHistory = false;
    await this.#closeConnection();
  }

  /**
   * Answers one interrupt (default: `snapshot.interrupt`), resuming the run.
   *
   * @example
   * await controller.respond({ decision: "approve" });
   */
  async respond(response: unknown, options: StreamRespondOptions = {}): Promise<void> {
    const interruptId = options.interruptId ?? this.#interrupts.list[0]?.id;
    if (interruptId === undefined) {
      throw new Error("No pending interrupt to respond to. Check rootStore.getSnapshot().interrupt before calling respond().");
    }
    const namespace = options.namespace ?? this.#interrupts.find(interruptId)?.namespace ?? [];
    await this.#resume([{ interruptId, response, namespace: [...namespace] }], options);
  }

  /**
   * Answers several interrupts in one command (`{ [interruptId]: response }`).
   *
   * @example
   * await controller.respondAll({ [first.id]: "10k", [second.id]: "June" });
   */
  async respondAll(responses: Record<string, unknown>, options: StreamRespondAllOptions = {}): Promise<void> {
    const answers = Object.entries(responses).map(([interruptId, response]) => ({
      interruptId,
      response,
      namespace: [...(this.#interrupts.find(interruptId)?.namespace ?? [])],
    }));
    if (answers.length === 0) throw new Error("respondAll() needs at least one { interruptId: response } entry.");
    await this.#resume(answers, options);
  }

  /**
   * Binds to `threadId` (`null`: no thread, the next submit creates one; omitted: reload the
   * current one). A switch resets every store at once; the thread's state, pending interrupts and
   * in-flight run are then loaded.
   *
   * @example
   * await controller.hydrate(savedThreadId);
   */
  async hydrate(threadId?: string | null): Promise<void> {
    if (this.#disposed) return;
    const target = threadId === undefined ? this.#root.control.threadId : threadId;
    const cycle = this.#hydration.begin(target !== this.#root.control.threadId);
    if (target !== this.#root.control.threadId) this.#switchThread(target);
    if (target === null) {
      this.#root.patch({ isThreadLoading: false });
      this.#hydration.resolve(cycle);
      return;
    }
    this.#root.patch({ isThreadLoading: true });
    let state: ThreadState | null;
    try {
      state = await this.#options.client.threads.getState(target);
    } catch (error) {
      if (this.#disposed || !this.#hydration.isCurrent(cycle)) return;
      this.#root.patch({ isThreadLoading: false, error });
      this.#callbacks.onError?.(error);
      this.#hydration.reject(cycle, error);
      return;
    }
    if (this.#disposed || !this.#hydration.isCurrent(cycle)) return;
    if (state !== null) this.#applyStoredState(state);
    this.#root.patch({ isThreadLoading: false });
    this.#hydration.resolve(cycle);
  }

  /** Removes a queued submit; resolves true when it was queued. */
  async cancelQueued(id: string): Promise<boolean> {
    return this.#coordinator.cancelQueued(id);
  }

  /** Empties the submit queue. */
  async clearQueue(): Promise<void> {
    this.#coordinator.clearQueue();
  }

  /**
   * Marks the controller in use; the returned cleanup disposes it on a later macrotask unless
   * `activate()` is called again first (React StrictMode mounts twice).
   *
   * @example
   * useEffect(() => controller.activate(), [controller]);
   */
  activate(): () => void {
    this.#cancelDeferredDispose?.();
    this.#cancelDeferredDispose = undefined;
    return () => {
      this.#cancelDeferredDispose?.();
      this.#cancelDeferredDispose = scheduleMacrotask(() => {
        this.#cancelDeferredDispose = undefined;
        void this.dispose();
      });
    };
  }

  /**
   * Closes the connection and stops every update; stores keep their last value. Idempotent.
   *
   * @example
   * await controller.dispose();
   */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#cancelDeferredDispose?.();
    this.#generation += 1;
    this.#coordinator.reset();
    this.#tracker.reset();
    this.registry.dispose();
    await this.#closeConnection();
    this.#scheduler.dispose();
    this.#threadListeners.clear();
  }

  /** The live `ThreadStream`, if a connection is open. */
  getThread(): ThreadStream<TState> | undefined {
    return this.#connection?.thread;
  }

  /** Calls `listener` now and whenever the live `ThreadStream` changes. */
  subscribeThread(listener: (thread: ThreadStream<TState> | undefined) => void): () => void {
    this.#threadListeners.add(listener);
    listener(this.getThread());
    return () => this.#threadListeners.delete(listener);
  }

  #submitHost(): SubmitHost {
    const isDisposed = (): boolean => this.#disposed;
    return {
      get disposed() {
        return isDisposed();
      },
      currentThreadId: () => this.#root.control.threadId,
      hydrate: (threadId) => this.hydrate(threadId),
      mintThreadId: () => {
        const threadId = uuidv7();
        this.#replayHistory = true;
        this.#root.patch({ threadId });
        this.#callbacks.onThreadId?.(threadId);
        return threadId;
      },
      beginRun: (input, replacing) => this.#beginRun(input, replacing),
      startRun: (params) => this.#startRun(params),
      waitForTerminal: (signal) => this.#tracker.nextTerminal(signal),
      dispatchFailed: (echoIds) => this.#metadata.setOptimisticStatus(this.#metadata.pendingIds(echoIds), "failed"),
      setLoading: (isLoading) => this.#root.patch({ isLoading }),
      reportError: (error, onError) => this.#reportError(error, onError),
      runCreated: (runId) => this.#callbacks.onCreated?.({ runId }),
      runCompleted: (runId, reason) => this.#callbacks.onCompleted?.({ runId, reason }),
      cancelOnServer: (threadId, runId, action) => this.#options.client.runs.cancel(threadId, runId, { action }),
    };
  }

  #beginRun(input: unknown, replacing: boolean): { echoIds: readonly string[]; dispatchInput: unknown } {
    const prepared = prepareSubmitInput(input, this.#messagesKey);
    if (replacing) {
      // The replaced run is rolled back on the server: its unconfirmed partial reply must go too,
      // and its tokens still in flight are ignored until the new run's root `running`.
      this.#muted = true;
      const metadata = this.#metadata.store.getSnapshot();
      this.#conversation.dropUnconfirmed((id) => metadata.get(id)?.optimisticStatus === "pending");
    }
    this.#interrupts.clear();
    this.#root.patch({ isLoading: true, error: undefined, interrupts: this.#interrupts.list });
    const echoIds = prepared.messages.map((message) => message.id as string);
    if (this.#options.optimistic !== false) {
      this.#conversation.appendOptimistic(prepared.messages, prepared.extraValues);
      this.#metadata.setOptimisticStatus(echoIds, "pending");
      this.#root.commit();
    }
    return { echoIds, dispatchInput: prepared.dispatchInput };
  }

  async #startRun(params: RunStartParams): Promise<string> {
    const connection = this.#ensureConnection();
    this.#tracker.expectRunStart();
    try {
      const { runId } = await connection.thread.run.start(params);
      connection.gate.commandAccepted(connection.thread.ordering.lastAppliedThroughSeq);
      return runId;
    } catch (error) {
      this.#tracker.cancelExpectedRunStart();
      throw error;
    }
  }

  async #resume(answers: InterruptResponse[], options: StreamRespondAllOptions): Promise<void> {
    if (this.#disposed || this.#root.control.threadId === null) {
      throw new Error("No active thread to respond to: hydrate a thread or submit first.");
    }
    const connection = this.#ensureConnection();
    this.#root.patch({ isLoading: true, error: undefined });
    this.#tracker.expectRunStart();
    const { update, goto, config, metadata } = options;
    const extra = { update, goto, config, metadata };
    try {
      await connection.thread.input.respond(answers.length === 1 ? { ...answers[0]!, ...extra } : { responses: answers, ...extra });
    } catch (error) {
      this.#tracker.cancelExpectedRunStart();
      this.#root.patch({ isLoading: false });
      this.#reportError(error, undefined);
      throw error;
    }
    connection.gate.commandAccepted(connection.thread.ordering.lastAppliedThroughSeq);
    this.#interrupts.resolve(answers.map((answer) => answer.interruptId));
    this.#root.patch({ interrupts: this.#interrupts.list });
  }

  #reportError(error: unknown, onError: ((error: unknown) => void) | undefined): void {
    this.#root.patch({ error });
    this.#root.flushNow();
    for (const callback of [onError, this.#callbacks.onError]) {
      try {
        callback?.(error);
      } catch {
        // A throwing error callback must not break the run bookkeeping.
      }
    }
  }

  #ensureConnection(): ThreadConnection<TState> {
    if (this.#connection !== undefined) return this.#connection;
    const threadId = this.#root.control.threadId;
    if (threadId === null) throw new Error("StreamController: no thread id bound (internal error).");
    const generation = this.#generation;
    const connection = new ThreadConnection<TState>(threadId, this.#options, this.#replayHistory, {
      onEvent: (event) => {
        if (generation === this.#generation) this.#applyEvent(event);
      },
      onFatal: (error) => {
        if (generation !== this.#generation) return;
        this.#root.patch({ isLoading: false });
        this.#reportError(error, undefined);
      },
    });
    this.#connection = connection;
    this.registry.bind(connection.thread);
    this.#notifyThreadListeners();
    return connection;
  }

  async #closeConnection(): Promise<void> {
    const connection = this.#connection;
    if (connection === undefined) return;
    this.#connection = undefined;
    if (!this.registry.disposed) this.registry.bind(null);
    this.#notifyThreadListeners();
    await connection.close();
  }

  #notifyThreadListeners(): void {
    const thread = this.getThread();
    for (const listener of this.#threadListeners) listener(thread);
  }

  #switchThread(threadId: string | null): void {
    this.#generation += 1;
    void this.#closeConnection();
    this.#coordinator.reset();
    this.#tracker.reset();
    this.#conversation.reset(this.#initialValues);
    this.#toolCalls.reset();
    this.#metadata.reset();
    this.#interrupts.reset();
    this.#lastCheckpoint = undefined;
    this.#minValuesStep = undefined;
    this.#muted = false;
    this.#replayHistory = true;
    this.#root.patch({
      threadId,
      interrupts: this.#interrupts.list,
      isLoading: false,
      isThreadLoading: threadId !== null,
      error: undefined,
    });
  }

  #applyStoredState(state: ThreadState): void {
    const values = (state.values ?? {}) as Record<string, unknown>;
    this.#conversation.seed(values);
    this.#metadata.recordFirstSeen(this.#conversation.valueIds, undefined);
    this.#interrupts.replace(interruptsFromState(state));
    this.#root.patch({ interrupts: this.#interrupts.list });
    if (isRunInFlight(state)) {
      // Re-attach: the replay brings the running run; supersteps older than the stored state are skipped.
      const step = (state.metadata as { step?: unknown } | undefined)?.step;
      this.#minValuesStep = typeof step === "number" ? step : undefined;
      this.#replayHistory = true;
      this.#ensureConnection();
    } else {
      this.#replayHistory = false;
    }
  }

  #applyEvent(event: ProtocolEvent): void {
    if (this.#muted && !(event.method === "lifecycle" && event.params.namespace.length === 0)) return;
    if (event.method === "input.requested") {
      if (this.#interrupts.record(event)) {
        this.#root.patch({ interrupts: this.#interrupts.list });
        this.#root.flushNow();
      }
    }
    if (!matchesFilter(ROOT_PUMP_FILTER, event)) return;
    this.#bus.emit(event);
    const namespace = event.params.namespace;
    switch (event.method) {
      case "messages":
        if (isRootConversationNamespace(namespace)) this.#conversation.handleMessageEvent(event);
        return;
      case "tools":
        this.#toolCalls.handleToolEvent(event);
        return;
      case "checkpoints":
        if (namespace.length === 0) this.#lastCheckpoint = event.params.data as CheckpointEventData;
        return;
      case "values":
        if (namespace.length === 0) this.#applyValues(event.params.data as Record<string, unknown>);
        return;
      case "lifecycle":
        this.#applyLifecycle(event);
        return;
    }
  }

  #applyValues(values: Record<string, unknown>): void {
    const checkpoint = this.#lastCheckpoint;
    this.#lastCheckpoint = undefined;
    const step = checkpoint?.step;
    if (this.#minValuesStep !== undefined && typeof step === "number" && step < this.#minValuesStep) return;
    this.#conversation.applyValues(values);
    const valueIds = this.#conversation.valueIds;
    this.#metadata.recordFirstSeen(valueIds, checkpoint?.parent_id);
    this.#metadata.prune((id) => valueIds.has(id));
  }

  #applyLifecycle(event: ProtocolEvent): void {
    if (this.#muted) {
      const status = (event.params.data as { event?: unknown } | null)?.event;
      if (status !== "running") return;
      this.#muted = false;
    }
    const terminal = this.#tracker.handle(event);
    if (terminal === undefined) return;
    if (terminal.status === "failed" && !this.#coordinator.hasActiveRun) this.#reportError(terminal.error, undefined);
    this.#root.flushNow();
  }
}
