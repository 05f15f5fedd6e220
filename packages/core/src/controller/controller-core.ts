/**
 * The parts of a `StreamController` that its concerns (events, hydration, interrupts) share.
 */
import { reportUncaughtError } from "../store/report-error";
import type { InterruptList } from "./interrupts";
import type { LifecycleLoadingTracker } from "./lifecycle-loading-tracker";
import type { MessageMetadataTracker } from "./message-metadata";
import type { PreparedInput } from "./optimistic-input";
import type { RootMessageProjection } from "./root-message-projection";
import type { ControlFields } from "./root-state";
import type { RootToolCalls } from "./root-tool-calls";
import type { RunIdTracker } from "./run-id-tracker";
import type { ThreadSession } from "./thread-session";
import type { StreamCallbacks, StreamControllerOptions } from "./types";

/**
 * Calls a user callback; one that throws is reported (like an uncaught error) instead of breaking
 * the run bookkeeping that called it.
 *
 * @example
 * invokeCallback(() => callbacks.onCreated?.({ runId }));
 */
export function invokeCallback(call: () => void): void {
  try {
    call();
  } catch (error) {
    reportUncaughtError(error);
  }
}

/** The control side of the root snapshot (see `RootState`). */
export interface RootControl {
  readonly control: Readonly<ControlFields>;
  /** Changes control fields and commits at once. */
  patch(fields: Partial<ControlFields>): void;
  /** Commits pending data now (no store notification is skipped). */
  commit(): void;
  /** Commits and delivers every pending store notification now. */
  flushNow(): void;
}

/**
 * One controller's shared state. Each concern reads and writes these parts; only the controller
 * creates them.
 *
 * @example
 * const router = new RootEventRouter(core, bus, () => coordinator.hasActiveRun);
 */
export interface ControllerCore<TState> {
  readonly options: StreamControllerOptions<TState>;
  readonly messagesKey: string;
  readonly initialValues: TState;
  readonly root: RootControl;
  readonly conversation: RootMessageProjection;
  readonly toolCalls: RootToolCalls;
  readonly metadata: MessageMetadataTracker;
  readonly interrupts: InterruptList;
  readonly tracker: LifecycleLoadingTracker;
  readonly runIds: RunIdTracker;
  readonly session: ThreadSession<TState>;
  readonly disposed: boolean;
  /** The callbacks in force (bindings replace them with `setCallbacks`). */
  callbacks(): StreamCallbacks;
  /** Writes `rootStore.error` at once and calls `onError` (the per-call one, then the controller's). */
  reportError(error: unknown, onError?: (error: unknown) => void): void;
}

/**
 * Shows submitted messages at once (unless `optimistic: false`) and marks them pending until the
 * server echoes them; returns their ids.
 *
 * @example
 * const echoIds = showOptimisticInput(core, prepareSubmitInput(input, core.messagesKey));
 */
export function showOptimisticInput<TState>(core: ControllerCore<TState>, prepared: PreparedInput): readonly string[] {
  const echoIds = prepared.messages.map((message) => message.id as string);
  if (core.options.optimistic === false) return echoIds;
  core.conversation.appendOptimistic(prepared.messages, prepared.extraValues);
  core.metadata.setOptimisticStatus(echoIds, "pending");
  core.root.commit();
  return echoIds;
}

/**
 * A submit the server never accepted (its dispatch failed): its optimistic messages stay shown,
 * marked `failed` so a UI can offer to retry them, and leave when the next run starts.
 *
 * @example
 * markInputUnsent(core, echoIds);
 */
export function markInputUnsent<TState>(core: ControllerCore<TState>, echoIds: readonly string[]): void {
  const unsent = core.metadata.pendingIds(echoIds);
  core.metadata.setOptimisticStatus(unsent, "failed");
  core.conversation.abandonMessages(unsent);
}
