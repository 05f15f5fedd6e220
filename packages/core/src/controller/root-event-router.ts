/**
 * Routes the live connection's events into the root stores.
 */
import { channelOfEvent, compileFilter } from "../protocol/filter";
import type { CheckpointEventData, ProtocolEvent } from "../protocol/types";
import { isWorkerSegment } from "../projections/namespace";
import { invokeCallback, type ControllerCore } from "./controller-core";
import { reasonOf } from "./submit-coordinator";
import { ROOT_PUMP_FILTER, type RootEventFanout } from "./root-event-bus";

const rootPumpAccepts = compileFilter(ROOT_PUMP_FILTER);

/**
 * Whether the root subscription asked for `event`. The connection also carries events other
 * subscriptions (projections, discovery) asked for, so this check stays; compiled once, it costs a
 * switch and a set lookup per event instead of a walk over the filter's lists.
 */
function isRootPumpEvent(event: ProtocolEvent): boolean {
  const channel = channelOfEvent(event);
  return channel !== undefined && rootPumpAccepts(channel, event.params.namespace);
}

/** Messages at the root or in a direct child that is not a tool or subagent task. */
function isRootConversationNamespace(namespace: readonly string[]): boolean {
  return namespace.length === 0 || (namespace.length === 1 && !isWorkerSegment(namespace[0]));
}

/**
 * Applies each gated event, in order: interrupts from any namespace; root and depth-1 messages and
 * tool calls; root values paired with the checkpoint announced just before them (so each message
 * keeps the checkpoint it was first seen at); root lifecycle for `isLoading`, errors and
 * `onCompleted`. Root-pump events are also fanned out to the registry's projections.
 *
 * @example
 * const router = new RootEventRouter(core, bus, () => coordinator.hasActiveRun);
 * session = new ThreadSession(options, registry, { onEvent: (event) => router.handle(event), onFatal, onProblem });
 */
export class RootEventRouter<TState> {
  readonly #core: ControllerCore<TState>;
  readonly #bus: RootEventFanout<TState>;
  readonly #hasLocalRun: () => boolean;
  #lastCheckpoint: CheckpointEventData | undefined;
  /** Values of supersteps older than the stored state (replayed while re-attaching) are skipped. */
  #minValuesStep: number | undefined;
  /** After `stop()` or a rollback, the old run's remaining events are ignored until the next run starts. */
  #muted = false;

  constructor(core: ControllerCore<TState>, bus: RootEventFanout<TState>, hasLocalRun: () => boolean) {
    this.#core = core;
    this.#bus = bus;
    this.#hasLocalRun = hasLocalRun;
  }

  /** Ignores the current run's remaining events until a new root `running`. */
  mute(): void {
    this.#muted = true;
  }

  /** Values older than `step` are replays of supersteps the stored state already holds. */
  skipValuesBefore(step: number | undefined): void {
    this.#minValuesStep = step;
  }

  /** Forgets per-thread state (thread switch). */
  reset(): void {
    this.#lastCheckpoint = undefined;
    this.#minValuesStep = undefined;
    this.#muted = false;
  }

  /** Applies one event of the live connection. */
  handle(event: ProtocolEvent): void {
    const core = this.#core;
    core.runIds.observe(event);
    if (this.#muted && !(event.method === "lifecycle" && event.params.namespace.length === 0)) return;
    if (event.method === "input.requested" && core.interrupts.record(event)) {
      core.root.patch({ interrupts: core.interrupts.list });
      core.root.flushNow();
    }
    if (!isRootPumpEvent(event)) return;
    this.#bus.emit(event);
    const namespace = event.params.namespace;
    switch (event.method) {
      case "messages":
        if (isRootConversationNamespace(namespace)) core.conversation.handleMessageEvent(event);
        return;
      case "tools":
        core.toolCalls.handleToolEvent(event);
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
    const { conversation, metadata } = this.#core;
    const change = conversation.applyValues(values);
    metadata.applyValuesChange(change, conversation.valueIds, checkpoint?.parent_id);
  }

  #applyLifecycle(event: ProtocolEvent): void {
    const core = this.#core;
    if (this.#muted) {
      const status = (event.params.data as { event?: unknown } | null)?.event;
      if (status !== "running") return;
      this.#muted = false;
    }
    const terminal = core.tracker.handle(event);
    if (terminal === undefined) return;
    // A run this controller did not submit (resumed by `respond`, re-attached by `hydrate`, or
    // started elsewhere): its outcome is reported here; submits report their own.
    const foreign = !this.#hasLocalRun();
    if (foreign && terminal.status === "failed") core.reportError(terminal.error);
    core.root.flushNow();
    if (foreign) {
      const info = { runId: core.runIds.last, reason: reasonOf(terminal) };
      invokeCallback(() => core.callbacks().onCompleted?.(info));
    }
  }
}
