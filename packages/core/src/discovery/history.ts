/**
 * Reading discovery data from a thread's stored history (`getHistory`).
 */
import { isRecord } from "../assembly/json";
import { checkpointNamespace, isWorkerSegment, namespaceFromCheckpoint } from "../projections/namespace";
import { namespaceKey } from "../protocol/filter";
import type { SubgraphHost } from "./subgraph-discovery";
import { timeOf } from "./task-calls";
import type { DiscoveryCheckpoint, DiscoveryStatus, DiscoveryTask } from "./types";

/** Reads a thread's history (`Client` fits). */
export interface DiscoveryHistoryClient {
  threads: {
    getHistory(
      threadId: string,
      options: { limit?: number; checkpoint?: Record<string, unknown> },
    ): Promise<readonly DiscoveryCheckpoint[]>;
    /** The thread's current state: the fallback seed when its history cannot be read (`Client` has it). */
    getState?(threadId: string): Promise<DiscoveryCheckpoint | null>;
  };
}

/** Options of {@link loadDiscoveryHistory}. */
export interface DiscoveryHistoryOptions {
  /** Checkpoints read per namespace (default 20). */
  limit?: number;
  /** Most nested subgraph histories read to find subgraphs inside subgraphs (default 8). */
  maxNestedReads?: number;
}

/** What {@link loadDiscoveryHistory} found. */
export interface DiscoveryHistory {
  /** Root checkpoints, newest first (for `SubagentDiscovery.seed`). */
  readonly checkpoints: readonly DiscoveryCheckpoint[];
  /** Subgraphs at any depth (for `SubgraphDiscovery.seedFromHistory`). */
  readonly hosts: readonly SubgraphHost[];
}

function taskStatus(task: DiscoveryTask, isNewest: boolean): DiscoveryStatus {
  if (typeof task.error === "string" && task.error.length > 0) return "error";
  if (task.result !== undefined && task.result !== null) return "complete";
  const pausedOrPending = (task.interrupts?.length ?? 0) > 0 || isNewest;
  return pausedOrPending ? "running" : "complete";
}

/**
 * The subgraphs a history page shows: tasks that ran with their own checkpoint namespace.
 * `checkpoints` is newest first; a task's start is its checkpoint's time, its end the next one's.
 *
 * @example
 * collectSubgraphHosts(await client.threads.getHistory(threadId)); // [{ namespace: ["research:1"], status: "complete" }]
 */
export function collectSubgraphHosts(checkpoints: readonly DiscoveryCheckpoint[]): SubgraphHost[] {
  const hosts = new Map<string, SubgraphHost>();
  checkpoints.forEach((checkpoint, index) => {
    for (const task of checkpoint.tasks ?? []) {
      const checkpointNs = task.checkpoint?.checkpoint_ns;
      if (typeof checkpointNs !== "string" || checkpointNs === "") continue;
      const namespace = namespaceFromCheckpoint(checkpointNs);
      if (isWorkerSegment(namespace[namespace.length - 1])) continue;
      const status = taskStatus(task, index === 0);
      const finishedAt = index > 0 ? timeOf(checkpoints[index - 1]?.created_at) : undefined;
      // Newest first: an older listing of the same task gives the earlier start time.
      const known = hosts.get(namespaceKey(namespace));
      hosts.set(namespaceKey(namespace), {
        namespace,
        status: known?.status ?? status,
        error: known?.error ?? (status === "error" ? String(task.error) : undefined),
        startedAt: timeOf(checkpoint.created_at),
        completedAt: known?.completedAt ?? (status === "running" ? null : (finishedAt ?? null)),
      });
    }
  });
  return [...hosts.values()];
}

/**
 * Reads what discovery needs from stored history: the root checkpoints and every subgraph,
 * following subgraphs into their own histories (addressed by LangGraph's `|`-joined checkpoint
 * namespace) up to `maxNestedReads` reads. A thread that does not exist yields nothing.
 *
 * @example
 * const history = await loadDiscoveryHistory(client, threadId);
 * subagents.seed(history.checkpoints);
 * subgraphs.seedFromHistory(history.hosts);
 */
export async function loadDiscoveryHistory(
  client: DiscoveryHistoryClient,
  threadId: string,
  options: DiscoveryHistoryOptions = {},
): Promise<DiscoveryHistory> {
  const limit = options.limit ?? 20;
  const checkpoints = await client.threads.getHistory(threadId, { limit });
  const hosts = new Map<string, SubgraphHost>();
  const queue = collectSubgraphHosts(checkpoints);
  let nestedReads = 0;
  while (queue.length > 0) {
    const host = queue.shift()!;
    const key = namespaceKey(host.namespace);
    if (hosts.has(key)) continue;
    hosts.set(key, host);
    if (nestedReads >= (options.maxNestedReads ?? 8)) continue;
    nestedReads += 1;
    const nested = await client.threads.getHistory(threadId, {
      limit,
      checkpoint: { checkpoint_ns: checkpointNamespace(host.namespace) },
    });
    queue.push(...collectSubgraphHosts(Array.isArray(nested) ? nested : []));
  }
  return { checkpoints: Array.isArray(checkpoints) ? checkpoints.filter(isRecord) : [], hosts: [...hosts.values()] };
}
