import type { RunStartParams } from "../thread/thread-stream";
import type { ControllerCore } from "./controller-core";

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
