/**
 * `hydrate`: binds the controller to a thread and loads what the server stored for it.
 */
import type { ThreadState } from "../client/client";
import type { ControllerCore } from "./controller-core";
import { HydrationCycle } from "./hydration";
import { interruptsFromState, isRunInFlight } from "./interrupts";
import { findFirstSeenParents } from "./message-history";
import type { RootEventRouter } from "./root-event-router";
import { toolCallsFromMessages } from "./root-tool-calls";

/** What a thread switch must also reset outside the shared parts. */
export interface HydratorHooks {
  /** Forgets the submit in flight and the queue. */
  resetRuns(): void;
}

/**
 * Loads a thread's stored state into the stores: values and messages (sealed against replays of
 * their own streams), tool calls rebuilt from the messages, pending interrupts, and, in the
 * background, each message's `parentCheckpointId` from the thread's history. A thread whose run
 * is still in flight is re-attached: only that run's events are delivered. An idle or interrupted
 * thread opens no connection until the next command, and then its replayed history is dropped.
 *
 * Only the newest hydration settles `promise`: a stale `getState` that returns after a switch
 * changes nothing.
 *
 * @example
 * const hydrator = new ThreadHydrator(core, router, { resetRuns: () => coordinator.reset() });
 * await hydrator.hydrate(threadId);
 */
export class ThreadHydrator<TState> {
  readonly #core: ControllerCore<TState>;
  readonly #router: RootEventRouter<TState>;
  readonly #hooks: HydratorHooks;
  readonly #cycle = new HydrationCycle();
  #historyWalk: AbortController | undefined;
  /** The error of the last failed load, while it may still be shown. */
  #loadError: unknown = undefined;

  constructor(core: ControllerCore<TState>, router: RootEventRouter<TState>, hooks: HydratorHooks) {
    this.#core = core;
    this.#router = router;
    this.#hooks = hooks;
  }

  /** Settles when the current hydration finishes; rejects when loading the thread failed. */
  get promise(): Promise<void> {
    return this.#cycle.promise;
  }

  /** See `StreamController.hydrate`. */
  async hydrate(threadId?: string | null): Promise<void> {
    const core = this.#core;
    if (core.disposed) return;
    const current = core.root.control.threadId;
    const target = threadId === undefined ? current : threadId;
    const cycle = this.#cycle.begin(target !== current);
    if (target !== current) this.switchThread(target);
    if (target === null) {
      core.root.patch({ isThreadLoading: false });
      this.#cycle.resolve(cycle);
      return;
    }
    // A failed load's error is about this load: loading again replaces it (a run's error stays).
    const staleLoadError = this.#loadError !== undefined && core.root.control.error === this.#loadError;
    this.#loadError = undefined;
    core.root.patch(staleLoadError ? { isThreadLoading: true, error: undefined } : { isThreadLoading: true });
    let state: ThreadState | null;
    try {
      state = await core.options.client.threads.getState(target);
    } catch (error) {
      if (core.disposed || !this.#cycle.isCurrent(cycle)) return;
      // The thread may exist: a later run must not replay its history as if it were new.
      core.session.nextMode = "gated";
      core.root.patch({ isThreadLoading: false });
      this.#loadError = error;
      core.reportError(error);
      this.#cycle.reject(cycle, error);
      return;
    }
    if (core.disposed || !this.#cycle.isCurrent(cycle)) return;
    // `null`: the thread does not exist yet; the next submit creates it under this id.
    if (state !== null) this.#applyStoredState(target, state);
    core.root.patch({ isThreadLoading: false });
    this.#cycle.resolve(cycle);
  }

  /**
   * Binds `threadId` (`null`: none) and resets every store at once; the old connection closes and
   * nothing it still delivers lands in the new thread's stores.
   */
  switchThread(threadId: string | null): void {
    const core = this.#core;
    this.stopHistoryWalk();
    void core.session.close();
    core.session.nextMode = "live";
    this.#hooks.resetRuns();
    core.tracker.reset();
    core.runIds.reset();
    this.#router.reset();
    core.conversation.reset(core.initialValues as Record<string, unknown>);
    core.toolCalls.reset();
    core.metadata.reset();
    core.interrupts.reset();
    core.root.patch({
      threadId,
      interrupts: core.interrupts.list,
      isLoading: false,
      isThreadLoading: threadId !== null,
      error: undefined,
    });
  }

  /**
   * A scoped view was acquired while no connection is open: a loaded idle thread opens one for it.
   * While a thread loads, `hydrate` decides how to connect (and checks the scoped views itself).
   */
  connectForScopedViews(): void {
    const core = this.#core;
    const { threadId, isThreadLoading } = core.root.control;
    if (!core.disposed && threadId !== null && !isThreadLoading) core.session.ensureForScopedViews(threadId);
  }

  /** Stops a background history read (switch, dispose). */
  stopHistoryWalk(): void {
    this.#historyWalk?.abort();
    this.#historyWalk = undefined;
  }

  #applyStoredState(threadId: string, state: ThreadState): void {
    const core = this.#core;
    const change = core.conversation.seed((state.values ?? {}) as Record<string, unknown>);
    const valueIds = core.conversation.valueIds;
    // Every stored id is recorded (reloading the same thread keeps known entries as they are).
    core.metadata.applyValuesChange({ added: [...valueIds], removed: change.removed }, valueIds, undefined);
    core.toolCalls.seed(toolCallsFromMessages(core.conversation.currentMessages()));
    core.interrupts.replace(interruptsFromState(state));
    core.root.patch({ interrupts: core.interrupts.list });
    if (isRunInFlight(state) && core.session.connection === undefined) {
      const step = (state.metadata as { step?: unknown } | undefined)?.step;
      this.#router.skipValuesBefore(typeof step === "number" ? step : undefined);
      core.session.nextMode = "reattach";
      core.runIds.expectRun();
      core.session.ensure(threadId);
      core.root.patch({ isLoading: true });
    } else if (core.session.connection === undefined) {
      core.session.nextMode = "gated";
      // Scoped views acquired while the thread loaded read below the root: only a connection feeds them.
      core.session.ensureForScopedViews(threadId);
    }
    void this.#assignParentsFromHistory(threadId, state);
  }

  async #assignParentsFromHistory(threadId: string, state: ThreadState): Promise<void> {
    this.stopHistoryWalk();
    const walk = new AbortController();
    this.#historyWalk = walk;
    const core = this.#core;
    try {
      const parents = await findFirstSeenParents(
        (id, options) => core.options.client.threads.getHistory(id, options),
        threadId,
        state,
        core.messagesKey,
        { signal: walk.signal },
      );
      if (!walk.signal.aborted && !core.disposed) core.metadata.assignParents(parents);
    } catch {
      // History is an enrichment: without it, loaded messages just have no fork point.
    } finally {
      if (this.#historyWalk === walk) this.#historyWalk = undefined;
    }
  }
}
