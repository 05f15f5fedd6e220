/**
 * `StreamController`: the framework-agnostic state of one `useStream`-like binding.
 */
import { v7 as uuidv7 } from "uuid";
import { isHttpError } from "../protocol/errors";
import { ChannelRegistry } from "../store/channel-registry";
import { scheduleMacrotask, type CancelMacrotask } from "../store/macrotask";
import { NotificationScheduler } from "../store/notification-scheduler";
import type { StreamStore } from "../store/stream-store";
import type { ThreadStream } from "../thread/thread-stream";
import { invokeCallback, markInputUnsent, type ControllerCore } from "./controller-core";
import { attachDiscovery, type AttachedDiscovery } from "../discovery/index";
import { attachHeadlessTools } from "../headless-tools/attach";
import { isHeadlessToolInterrupt } from "../headless-tools/payload";
import type { ReadableStore } from "../store/stream-store";
import type { SubagentMap, SubgraphByNodeMap, SubgraphMap } from "../discovery/index";
import { InterruptList } from "./interrupts";
import { InterruptResponder } from "./interrupt-responder";
import { LifecycleLoadingTracker } from "./lifecycle-loading-tracker";
import { MessageMetadataTracker } from "./message-metadata";
import { RootEventFanout, type RootEventBus } from "./root-event-bus";
import { RootEventRouter } from "./root-event-router";
import { RootMessageProjection } from "./root-message-projection";
import { RootState } from "./root-state";
import { RootToolCalls } from "./root-tool-calls";
import { RunIdTracker } from "./run-id-tracker";
import { beginRun, startRun } from "./run-start";
import { SubmitCoordinator, type SubmitHost } from "./submit-coordinator";
import { ThreadHydrator } from "./thread-hydrator";
import { ThreadSession } from "./thread-session";
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

/** How long `stop()` waits to learn the id of a run it did not start (resumed or re-attached). */
const RUN_ID_WAIT_MS = 3_000;

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
  /** Subagents started through `task` tool calls, by tool call id. */
  readonly subagentStore: ReadableStore<SubagentMap>;
  /** Subgraphs (namespaces with descendants), by namespace key. */
  readonly subgraphStore: ReadableStore<SubgraphMap>;
  /** Subgraphs grouped by the node that hosts them. */
  readonly subgraphByNodeStore: ReadableStore<SubgraphByNodeMap>;
  readonly #discovery: AttachedDiscovery;
  readonly #detachHeadless: (() => void) | undefined;

  readonly #options: StreamControllerOptions<TState>;
  #callbacks: StreamCallbacks;
  readonly #scheduler: NotificationScheduler;
  readonly #core: ControllerCore<TState>;
  readonly #router: RootEventRouter<TState>;
  readonly #coordinator: SubmitCoordinator;
  readonly #hydrator: ThreadHydrator<TState>;
  readonly #responder: InterruptResponder<TState>;
  #disposed = false;
  #cancelDeferredDispose: CancelMacrotask | undefined;

  constructor(options: StreamControllerOptions<TState>) {
    this.#options = options;
    this.#callbacks = options;
    this.#scheduler = new NotificationScheduler({ throttleMs: options.throttleMs });
    const messagesKey = options.messagesKey ?? DEFAULT_MESSAGES_KEY;
    const initialValues = options.initialValues ?? ({} as TState);
    const root = new RootState<TState, TInterrupt>(
      this.#scheduler,
      { interrupts: [], isLoading: false, isThreadLoading: typeof options.threadId === "string", error: undefined, threadId: null },
      initialValues,
    );
    const conversation = new RootMessageProjection(messagesKey, initialValues, root.markDirty);
    const toolCalls = new RootToolCalls(root.markDirty);
    root.attach(conversation, toolCalls);
    this.rootStore = root.store;
    // A failure the run survives (a skipped frame, a view's or discovery's history read): onError only.
    const reportProblem = (error: unknown): void => invokeCallback(() => this.#callbacks.onError?.(error));
    const bus = new RootEventFanout<TState>(this.rootStore as StreamStore<RootSnapshot<TState>>, {
      messagesKey,
      history: options.client,
    });
    this.registry = new ChannelRegistry<ThreadStream<TState>, RootEventBus<TState>>({
      shared: bus,
      scheduler: this.#scheduler,
      onAcquireUnbound: () => this.#hydrator.connectForScopedViews(),
      onError: reportProblem,
    });
    const session = new ThreadSession<TState>(options, this.registry, {
      onEvent: (event) => this.#router.handle(event),
      onFatal: (error) => {
        root.patch({ isLoading: false });
        this.#reportError(error, undefined);
      },
      onProblem: reportProblem,
    });
    const isDisposed = (): boolean => this.#disposed;
    this.#core = {
      options,
      messagesKey,
      initialValues,
      root,
      conversation,
      toolCalls,
      metadata: new MessageMetadataTracker(),
      // With client-side tools configured, their requests are answered here and never shown.
      interrupts: new InterruptList(options.tools || options.onTool ? isHeadlessToolInterrupt : undefined),
      tracker: new LifecycleLoadingTracker((isLoading) => root.patch({ isLoading })),
      runIds: new RunIdTracker(),
      session,
      get disposed() {
        return isDisposed();
      },
      callbacks: () => this.#callbacks,
      reportError: (error, onError) => this.#reportError(error, onError),
    };
    this.messageMetadataStore = this.#core.metadata.store;
    this.#coordinator = new SubmitCoordinator(this.#submitHost());
    this.queueStore = this.#coordinator.queueStore;
    this.#router = new RootEventRouter(this.#core, bus, () => this.#coordinator.hasActiveRun);
    this.#hydrator = new ThreadHydrator(this.#core, this.#router, { resetRuns: () => this.#coordinator.reset() });
    this.#responder = new InterruptResponder(this.#core);
    this.#discovery = attachDiscovery(this, {
      client: options.client,
      scheduler: this.#scheduler,
      messagesKey,
      onError: reportProblem,
    });
    this.subagentStore = this.#discovery.subagentStore;
    this.subgraphStore = this.#discovery.subgraphStore;
    this.subgraphByNodeStore = this.#discovery.subgraphByNodeStore;
    this.#detachHeadless = attachHeadlessTools(this, options);
    if (typeof options.threadId === "string") void this.hydrate(options.threadId);
  }

  /** Settles when the current hydration finishes; rejects when loading the thread failed. */
  get hydrationPromise(): Promise<void> {
    return this.#hydrator.promise;
  }

  /** Replaces the callbacks (bindings pass their latest ones; no rebuild needed). */
  setCallbacks(callbacks: StreamCallbacks): void {
    this.#callbacks = callbacks;
  }

  /**
   * Starts a run. `input[messagesKey]` may be a string, a message (instance or dict) or a list of
   * them; they are shown at once. Resolves when the run's active phase ends (completed, failed,
   * interrupted or stopped); errors go to `rootStore.error` and `onError`. Throws only for
   * `multitaskStrategy: "reject"` while a run is in flight.
   *
   * @example
   * await controller.submit({ messages: "What's the weather?" }, { config: { configurable: { city: "Paris" } } });
   * // edit an earlier message: fork from the checkpoint before it
   * const forkFrom = controller.messageMetadataStore.getSnapshot().get(message.id!)?.parentCheckpointId;
   * await controller.submit({ messages: "edited text" }, { forkFrom });
   */
  submit(input: unknown, options?: StreamSubmitOptions): Promise<void> {
    return this.#coordinator.submit(input, options);
  }

  /**
   * Stops the run in flight; with `cancel` (default) it is also cancelled on the server, whether
   * this controller submitted it, resumed it with `respond`, or re-attached to it with `hydrate`.
   *
   * @example
   * await controller.stop();
   */
  async stop(options: StreamStopOptions = {}): Promise<void> {
    const core = this.#core;
    const threadId = core.root.control.threadId;
    const foreignRun = !this.#coordinator.hasActiveRun && (core.runIds.inFlight || core.root.control.isLoading);
    this.#router.mute();
    core.conversation.abandonStreams();
    const aborted = this.#coordinator.abortActive();
    core.root.patch({ isLoading: false });
    core.root.flushNow();
    const local = await aborted;
    const runId = local?.runId ?? (options.cancel === false ? core.runIds.current : await core.runIds.waitForCurrent(RUN_ID_WAIT_MS));
    if (foreignRun) invokeCallback(() => this.#callbacks.onCompleted?.({ runId, reason: "stopped" }));
    const target = local?.threadId ?? threadId;
    if (options.cancel === false || runId === undefined || target === null) return;
    try {
      await this.#options.client.runs.cancel(target, runId);
    } catch (error) {
      // Gone (404) or over (409): nothing is left to cancel. Anything else: the run may go on.
      if (!isHttpError(error, 404, 409)) this.#reportError(error, undefined);
    }
  }

  /**
   * Stops listening without cancelling: the server run keeps going; `hydrate()` re-attaches later.
   *
   * @example
   * await controller.disconnect();
   */
  async disconnect(): Promise<void> {
    void this.#coordinator.abortActive();
    this.#core.conversation.abandonStreams();
    this.#core.tracker.reset();
    this.#core.runIds.reset();
    this.#core.root.patch({ isLoading: false });
    this.#core.session.nextMode = "gated";
    await this.#core.session.close();
  }

  /**
   * Answers one interrupt (default: `snapshot.interrupt`), resuming the run. Resolves once the
   * server accepted the answer; the resumed run then streams into the stores.
   *
   * @example
   * await controller.respond({ decision: "approve" });
   */
  respond(response: unknown, options?: StreamRespondOptions): Promise<void> {
    return this.#responder.respond(response, options);
  }

  /**
   * Answers several interrupts in one command (`{ [interruptId]: response }`).
   *
   * @example
   * await controller.respondAll({ [first.id]: "10k", [second.id]: "June" });
   */
  respondAll(responses: Record<string, unknown>, options?: StreamRespondAllOptions): Promise<void> {
    return this.#responder.respondAll(responses, options);
  }

  /**
   * Binds to `threadId` (`null`: no thread, the next submit creates one; omitted: reload the
   * current one). A switch resets every store at once; the thread's state, pending interrupts and
   * in-flight run are then loaded.
   *
   * @example
   * await controller.hydrate(savedThreadId);
   */
  hydrate(threadId?: string | null): Promise<void> {
    return this.#hydrator.hydrate(threadId);
  }

  /**
   * Removes a queued submit; resolves true when it was queued.
   *
   * @example
   * for (const entry of controller.queueStore.getSnapshot()) await controller.cancelQueued(entry.id);
   */
  async cancelQueued(id: string): Promise<boolean> {
    return this.#coordinator.cancelQueued(id);
  }

  /**
   * Empties the submit queue.
   *
   * @example
   * await controller.clearQueue();
   */
  async clearQueue(): Promise<void> {
    this.#coordinator.clearQueue();
  }

  /**
   * Marks the controller in use; the returned cleanup disposes it on a later macrotask unless
   * `activate()` is called again first (React StrictMode unmounts and remounts in one tick).
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
    this.#coordinator.reset();
    this.#core.tracker.reset();
    this.#core.runIds.reset();
    this.#hydrator.stopHistoryWalk();
    this.#detachHeadless?.();
    this.#discovery.dispose();
    this.registry.dispose();
    await this.#core.session.close();
    this.#scheduler.dispose();
    this.#core.session.clearListeners();
  }

  /**
   * The live `ThreadStream`, if a connection is open.
   *
   * @example
   * controller.getThread()?.subscribe({ channels: ["custom"] });
   */
  getThread(): ThreadStream<TState> | undefined {
    return this.#core.session.thread;
  }

  /**
   * Calls `listener` now and whenever the live `ThreadStream` changes.
   *
   * @example
   * const stop = controller.subscribeThread((thread) => console.log(thread?.threadId));
   */
  subscribeThread(listener: (thread: ThreadStream<TState> | undefined) => void): () => void {
    return this.#core.session.subscribe(listener);
  }

  #submitHost(): SubmitHost {
    const isDisposed = (): boolean => this.#disposed;
    const core = this.#core;
    return {
      get disposed() {
        return isDisposed();
      },
      currentThreadId: () => core.root.control.threadId,
      hydrate: (threadId) => this.hydrate(threadId),
      mintThreadId: () => {
        const threadId = uuidv7();
        core.session.nextMode = "live";
        core.root.patch({ threadId });
        invokeCallback(() => this.#callbacks.onThreadId?.(threadId));
        return threadId;
      },
      beginRun: (input, replacing, options) => beginRun(core, this.#router, input, replacing, options),
      startRun: (params) => startRun(this.#core, params),
      waitForTerminal: (signal) => core.tracker.nextTerminal(signal),
      dispatchFailed: (echoIds) => markInputUnsent(core, echoIds),
      setLoading: (isLoading) => core.root.patch({ isLoading }),
      reportError: (error, onError) => this.#reportError(error, onError),
      runCreated: (runId) => invokeCallback(() => this.#callbacks.onCreated?.({ runId })),
      runCompleted: (runId, reason) => invokeCallback(() => this.#callbacks.onCompleted?.({ runId, reason })),
      cancelOnServer: (threadId, runId, action) => this.#options.client.runs.cancel(threadId, runId, { action }),
    };
  }

  #reportError(error: unknown, onError: ((error: unknown) => void) | undefined): void {
    this.#core.root.patch({ error });
    this.#core.root.flushNow();
    for (const callback of [onError, this.#callbacks.onError]) {
      try {
        callback?.(error);
      } catch {
        // A throwing error callback must not break the run bookkeeping.
      }
    }
  }
}
