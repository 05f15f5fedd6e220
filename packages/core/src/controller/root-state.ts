/**
 * Builds root snapshots from the conversation, the tool calls and the control fields.
 */
import type { NotificationScheduler } from "../store/notification-scheduler";
import { StreamStore } from "../store/stream-store";
import type { RootMessageProjection } from "./root-message-projection";
import type { RootToolCalls } from "./root-tool-calls";
import type { Interrupt, RootSnapshot } from "./types";

/** The snapshot fields that are not derived from the stream's data. */
export interface ControlFields {
  interrupts: readonly Interrupt[];
  isLoading: boolean;
  isThreadLoading: boolean;
  error: unknown;
  threadId: string | null;
}

/**
 * Owns `rootStore`. Data changes (tokens, values, tool events) are committed on the scheduler's
 * next flush, so a burst produces one snapshot; control changes (`patch`) commit at once, with
 * everything else pending, so `isLoading`, errors and interrupts are visible synchronously to the
 * code that caused them and agree with every other store of the controller.
 *
 * @example
 * const root = new RootState(conversation, toolCalls, scheduler, control);
 * root.patch({ isLoading: true });
 */
export class RootState<TState, TInterrupt> {
  readonly store: StreamStore<RootSnapshot<TState, TInterrupt>>;
  #control: ControlFields;
  #conversation: RootMessageProjection | undefined;
  #toolCalls: RootToolCalls | undefined;
  readonly #scheduler: NotificationScheduler;

  constructor(scheduler: NotificationScheduler, control: ControlFields, initialValues: TState) {
    this.#scheduler = scheduler;
    this.#control = control;
    this.store = new StreamStore<RootSnapshot<TState, TInterrupt>>({
      values: initialValues,
      messages: [],
      toolCalls: [],
      interrupts: control.interrupts as readonly Interrupt<TInterrupt>[],
      interrupt: control.interrupts[0] as Interrupt<TInterrupt> | undefined,
      isLoading: control.isLoading,
      isThreadLoading: control.isThreadLoading,
      error: control.error,
      threadId: control.threadId,
    });
  }

  /** Connects the data sources (they are built with `markDirty` as their change callback). */
  attach(conversation: RootMessageProjection, toolCalls: RootToolCalls): void {
    this.#conversation = conversation;
    this.#toolCalls = toolCalls;
    this.commit();
  }

  get control(): Readonly<ControlFields> {
    return this.#control;
  }

  /** Schedules a commit on the next flush. */
  readonly markDirty = (): void => {
    this.#scheduler.markDirty(this.commit);
  };

  /**
   * Changes control fields and commits now. Pending batched work of the registry's projections
   * is flushed first, so a listener that sees `isLoading: false` also reads the run's last image,
   * tool call or subagent message from the scoped stores.
   */
  patch(fields: Partial<ControlFields>): void {
    this.#control = { ...this.#control, ...fields };
    this.#scheduler.flushNow();
    this.commit();
  }

  /** Commits now and delivers every pending store notification (terminal, interrupt, error). */
  flushNow(): void {
    this.commit();
    this.#scheduler.flushNow();
  }

  /** Publishes a new snapshot when anything differs from the current one. */
  readonly commit = (): void => {
    const conversation = this.#conversation;
    const toolCallSource = this.#toolCalls;
    if (conversation === undefined || toolCallSource === undefined) return;
    const { messages, values } = conversation.flush();
    const toolCalls = toolCallSource.flush();
    const previous = this.store.getSnapshot();
    const control = this.#control;
    if (
      previous.messages === messages &&
      (previous.values as unknown) === values &&
      previous.toolCalls === toolCalls &&
      previous.interrupts === control.interrupts &&
      previous.isLoading === control.isLoading &&
      previous.isThreadLoading === control.isThreadLoading &&
      previous.error === control.error &&
      previous.threadId === control.threadId
    ) {
      return;
    }
    const interrupts = control.interrupts as readonly Interrupt<TInterrupt>[];
    this.store.setValue({
      values: values as TState,
      messages,
      toolCalls,
      interrupts,
      interrupt: interrupts[0],
      isLoading: control.isLoading,
      isThreadLoading: control.isThreadLoading,
      error: control.error,
      threadId: control.threadId,
    });
  };
}
