import type { RunStartParams } from "../thread/thread-stream";
import { showOptimisticInput, type ControllerCore } from "./controller-core";
import { prepareSubmitInput } from "./optimistic-input";
import type { RootEventRouter } from "./root-event-router";
import type { StreamSubmitOptions } from "./types";

/**
 * What a submit does before its dispatch, synchronously: the replaced run's unconfirmed reply
 * goes (its late tokens are muted), a fork truncates at its checkpoint, abandoned and unsent
 * messages leave, `isLoading` turns on, and the input shows at once. Returns the ids the server
 * will echo and the input to send.
 *
 * @example
 * const { echoIds, dispatchInput } = beginRun(core, router, { messages: "hi" }, false, {});
 */
export function beginRun<TState>(
  core: ControllerCore<TState>,
  router: RootEventRouter<TState>,
  input: unknown,
  replacing: boolean,
  options: StreamSubmitOptions,
): { echoIds: readonly string[]; dispatchInput: unknown } {
  const prepared = prepareSubmitInput(input, core.messagesKey);
  if (replacing) {
    // The replaced run is rolled back on the server: its unconfirmed partial reply must go too,
    // and its tokens still in flight are ignored until the new run's root `running`.
    router.mute();
    const metadata = core.metadata.store.getSnapshot();
    core.conversation.dropUnconfirmed((id) => metadata.get(id)?.optimisticStatus === "pending");
  }
  const forkFrom = options.forkFrom;
  if (forkFrom !== undefined) {
    // A fork from the checkpoint before a message replaces that message and everything after it.
    const metadata = core.metadata.store.getSnapshot();
    core.conversation.truncateAt((message) => metadata.get(message.id ?? "")?.parentCheckpointId === forkFrom);
  }
  core.metadata.forget(core.conversation.dropAbandoned());
  core.interrupts.clear();
  core.root.patch({ isLoading: true, error: undefined, interrupts: core.interrupts.list });
  return { echoIds: showOptimisticInput(core, prepared), dispatchInput: prepared.dispatchInput };
}

/**
 * Sends `run.start` on the bound thread, telling the loading and run-id trackers to expect the
 * run (and to stop expecting it if the command fails). Resolves with the run id, if the server gave one.
 */
export async function startRun<TState>(core: ControllerCore<TState>, params: RunStartParams): Promise<string | undefined> {
  const threadId = core.root.control.threadId;
  if (threadId === null) throw new Error("StreamController: no thread id bound (internal error).");
  const connection = core.session.ensure(threadId);
  core.tracker.expectRunStart();
  core.runIds.expectRun();
  try {
    const { runId } = await connection.thread.run.start(params);
    connection.gate.commandAccepted(connection.thread.ordering.lastAppliedThroughSeq);
    return runId.length > 0 ? runId : undefined;
  } catch (error) {
    core.tracker.cancelExpectedRunStart();
    core.runIds.cancelExpectedRun();
    throw error;
  }
}
