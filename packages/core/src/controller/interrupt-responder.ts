/**
 * Answers pending interrupts: `respond` (one) and `respondAll` (several, in one command).
 */
import type { InterruptResponse } from "../thread/thread-stream";
import { showOptimisticInput, type ControllerCore } from "./controller-core";
import { normalizeInterruptResponse } from "./hitl-payload";
import { prepareSubmitInput } from "./optimistic-input";
import type { StreamRespondAllOptions, StreamRespondOptions } from "./types";

/** A state update as sent with the resume: messages as dicts with ids, shown at once. */
interface PreparedUpdate {
  readonly dispatch: unknown;
  readonly echoIds: readonly string[];
}

/**
 * Resumes interrupted runs. The target defaults to the oldest pending interrupt and its namespace
 * to the one it was raised in. An `update` with messages is shown at once (same ids as sent). After
 * the server accepted the command, the answered interrupts leave `rootStore.interrupts`; the
 * resumed run then streams like any other, and its outcome reaches `rootStore` and `onCompleted`.
 *
 * @example
 * const responder = new InterruptResponder(core);
 * await responder.respond({ decision: "approve" });
 */
export class InterruptResponder<TState> {
  readonly #core: ControllerCore<TState>;

  constructor(core: ControllerCore<TState>) {
    this.#core = core;
  }

  /** Answers one interrupt (default: the oldest pending one). */
  async respond(response: unknown, options: StreamRespondOptions = {}): Promise<void> {
    const interrupts = this.#core.interrupts;
    const interruptId = options.interruptId ?? interrupts.list[0]?.id;
    if (interruptId === undefined) {
      throw new Error("No pending interrupt to respond to. Check rootStore.getSnapshot().interrupt before calling respond().");
    }
    const namespace = options.namespace ?? interrupts.find(interruptId)?.namespace ?? [];
    await this.#resume([{ interruptId, response: normalizeInterruptResponse(response), namespace: [...namespace] }], options);
  }

  /** Answers several interrupts in one command (`{ [interruptId]: response }`). */
  async respondAll(responses: Record<string, unknown>, options: StreamRespondAllOptions = {}): Promise<void> {
    const answers = Object.entries(responses).map(([interruptId, response]) => ({
      interruptId,
      response: normalizeInterruptResponse(response),
      namespace: [...(this.#core.interrupts.find(interruptId)?.namespace ?? [])],
    }));
    if (answers.length === 0) throw new Error("respondAll() needs at least one { interruptId: response } entry.");
    await this.#resume(answers, options);
  }

  async #resume(answers: InterruptResponse[], options: StreamRespondAllOptions): Promise<void> {
    const core = this.#core;
    const threadId = core.root.control.threadId;
    if (core.disposed || threadId === null) {
      throw new Error("No active thread to respond to: hydrate a thread or submit first.");
    }
    const connection = core.session.ensure(threadId);
    core.root.patch({ isLoading: true, error: undefined });
    const update = this.#prepareUpdate(options.update);
    core.tracker.expectRunStart();
    core.runIds.expectRun();
    const extra = {
      ...(update !== undefined ? { update: update.dispatch } : {}),
      ...(options.goto !== undefined ? { goto: options.goto } : {}),
      config: options.config,
      metadata: options.metadata,
    };
    try {
      await connection.thread.input.respond(
        answers.length === 1 ? { ...answers[0]!, ...extra } : { responses: answers, ...extra },
      );
    } catch (error) {
      core.tracker.cancelExpectedRunStart();
      core.runIds.cancelExpectedRun();
      if (update !== undefined) core.metadata.setOptimisticStatus(update.echoIds, "failed");
      core.root.patch({ isLoading: false });
      core.reportError(error);
      throw error;
    }
    connection.gate.commandAccepted(connection.thread.ordering.lastAppliedThroughSeq);
    core.interrupts.resolve(answers.map((answer) => answer.interruptId));
    core.root.patch({ interrupts: core.interrupts.list });
  }

  /** Messages of an object update get ids and are shown at once; a list of `[key, value]` pairs goes as is. */
  #prepareUpdate(update: StreamRespondAllOptions["update"]): PreparedUpdate | undefined {
    if (update === undefined) return undefined;
    if (Array.isArray(update) || typeof update !== "object" || update === null) return { dispatch: update, echoIds: [] };
    const prepared = prepareSubmitInput(update, this.#core.messagesKey);
    if (prepared.messages.length === 0) return { dispatch: update, echoIds: [] };
    return { dispatch: prepared.dispatchInput, echoIds: showOptimisticInput(this.#core, { ...prepared, extraValues: {} }) };
  }
}
