/**
 * Subagents in stored history: task calls and results of the root conversation, and the tool
 * tasks (namespaces) that ran them.
 */
import { isRecord } from "../assembly/json";
import type { Namespace } from "../protocol/types";
import { isWorkerSegment } from "../projections/namespace";
import { messageFields, taskCallsOf, TASK_TOOL_NAME, timeOf, toolResultOf, type TaskInput } from "./task-calls";
import type { DiscoveryCheckpoint, DiscoveryTask } from "./types";

/** Where seeding reports what it found. */
export interface SubagentSeedSink {
  start(start: {
    id: string;
    input: TaskInput;
    namespace: Namespace | undefined;
    callerNamespace: Namespace;
    startedAt: Date;
  }): void;
  finish(id: string, failed: boolean, output: unknown, at: Date): void;
  bind(id: string, namespace: Namespace): void;
}

function isRootCheckpoint(checkpoint: DiscoveryCheckpoint): boolean {
  return (checkpoint.checkpoint?.checkpoint_ns ?? "") === "";
}

/** The tool call ids a finished tool task answered (from its result's ToolMessages). */
function answeredCallIds(task: DiscoveryTask): string[] {
  const result = task.result;
  const messages = isRecord(result) ? result.messages : undefined;
  if (!Array.isArray(messages)) return [];
  const ids: string[] = [];
  for (const message of messages) {
    const fields = messageFields(message);
    if (typeof fields?.tool_call_id === "string") ids.push(fields.tool_call_id);
  }
  return ids;
}

/** The tool calls of the last AI message: a pushed tool task's `path[1]` indexes them. */
function lastToolCalls(messages: readonly unknown[]): Record<string, unknown>[] {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const fields = messageFields(messages[index]);
    if (fields?.type !== "ai") continue;
    return Array.isArray(fields.tool_calls) ? fields.tool_calls.filter(isRecord) : [];
  }
  return [];
}

/** Binds the task calls each tool task of `checkpoint` ran to the task's namespace. */
function bindToolTasks(checkpoint: DiscoveryCheckpoint, messages: readonly unknown[], sink: SubagentSeedSink): void {
  for (const task of checkpoint.tasks ?? []) {
    if (typeof task.name !== "string" || typeof task.id !== "string") continue;
    const segment = `${task.name}:${task.id}`;
    if (!isWorkerSegment(segment)) continue;
    for (const callId of answeredCallIds(task)) sink.bind(callId, [segment]);
    // A task still running has no result yet: its position among the pushed calls says which it is.
    const path = task.path ?? [];
    if (path[0] !== "__pregel_push" || typeof path[1] !== "number") continue;
    const call = lastToolCalls(messages)[path[1]];
    if (call?.name === TASK_TOOL_NAME && typeof call.id === "string") sink.bind(call.id, [segment]);
  }
}

/**
 * Walks root checkpoints oldest first: each `task` call starts a subagent (at the checkpoint's
 * time), each ToolMessage answering one finishes it, and tool tasks give their namespaces.
 *
 * @example
 * seedSubagents(await client.threads.getHistory(threadId, { limit: 20 }), "messages", sink);
 */
export function seedSubagents(
  checkpoints: readonly DiscoveryCheckpoint[],
  messagesKey: string,
  sink: SubagentSeedSink,
): void {
  const oldestFirst = checkpoints.filter(isRootCheckpoint).reverse();
  for (const checkpoint of oldestFirst) {
    const values = checkpoint.values;
    const messages = isRecord(values) ? values[messagesKey] : undefined;
    if (!Array.isArray(messages)) continue;
    const at = timeOf(checkpoint.created_at);
    for (const message of messages) {
      for (const call of taskCallsOf(message)) {
        sink.start({ id: call.id, input: call.input, namespace: undefined, callerNamespace: [], startedAt: at });
      }
      const result = toolResultOf(message);
      if (result !== undefined) sink.finish(result.toolCallId, result.failed, result.output, at);
    }
    bindToolTasks(checkpoint, messages, sink);
  }
}
