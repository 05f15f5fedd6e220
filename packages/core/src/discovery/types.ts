/**
 * Snapshot types of subagent and subgraph discovery.
 */
import type { Namespace } from "../protocol/types";

/** Where a discovered subagent or subgraph stands. */
export type DiscoveryStatus = "running" | "complete" | "error";

/**
 * A subagent started through a `task` tool call. Immutable: a change replaces the object, an
 * unchanged subagent keeps it (memoise cards on it).
 *
 * @example
 * for (const subagent of controller.subagentStore.getSnapshot().values()) console.log(subagent.name, subagent.status);
 */
export interface SubagentSnapshot {
  /** The `task` tool call id. */
  readonly id: string;
  /** `subagent_type` of the task (`"unknown"` when missing). */
  readonly name: string;
  /**
   * Where the subagent runs; pass it to `messagesProjection` / `toolCallsProjection`. Until the
   * execution namespace is known it is the placeholder `["tools:<id>"]` (`namespaceResolved` false).
   */
  readonly namespace: Namespace;
  readonly namespaceResolved: boolean;
  /** The subagent that started this one, or null for subagents of the root agent. */
  readonly parentId: string | null;
  /** 1 for subagents of the root agent, 2 for theirs, and so on. */
  readonly depth: number;
  readonly status: DiscoveryStatus;
  /** `description` of the task. */
  readonly taskInput: string | undefined;
  /** Every argument of the `task` call, parsed. */
  readonly input: Readonly<Record<string, unknown>>;
  /** The subagent's answer (unwrapped from its ToolMessage), once complete. */
  readonly output: unknown;
  /** Why it failed, when `status` is `"error"`. */
  readonly error: string | undefined;
  readonly startedAt: Date;
  readonly completedAt: Date | null;
}

/**
 * A subgraph: a namespace that turned out to host deeper namespaces.
 *
 * @example
 * const research = controller.subgraphByNodeStore.getSnapshot().get("research")?.[0];
 */
export interface SubgraphSnapshot {
  /** A key for the namespace (segments joined with NUL). */
  readonly id: string;
  /** The node name (segment before `:`), e.g. `"research"`. */
  readonly name: string;
  readonly namespace: Namespace;
  /** The enclosing subgraph's id, or null. */
  readonly parentId: string | null;
  /** Namespace length: 1 for subgraphs of the root graph. */
  readonly depth: number;
  readonly status: DiscoveryStatus;
  /** Why it failed, when `status` is `"error"`. */
  readonly error: string | undefined;
  readonly startedAt: Date;
  readonly completedAt: Date | null;
}

/** Task tool call id → subagent, in discovery order. */
export type SubagentMap = ReadonlyMap<string, SubagentSnapshot>;
/** Subgraph id → subgraph, in discovery order. */
export type SubgraphMap = ReadonlyMap<string, SubgraphSnapshot>;
/** Node name → its subgraphs (several for parallel or repeated runs), in discovery order. */
export type SubgraphByNodeMap = ReadonlyMap<string, readonly SubgraphSnapshot[]>;

/** One checkpoint of `client.threads.getHistory`, as far as discovery reads it. */
export interface DiscoveryCheckpoint {
  values?: unknown;
  created_at?: string | null;
  checkpoint?: { checkpoint_ns?: string } | null;
  tasks?: readonly DiscoveryTask[] | null;
}

/** A task of a history checkpoint. */
export interface DiscoveryTask {
  id?: string;
  name?: string;
  error?: string | null;
  interrupts?: readonly unknown[] | null;
  path?: readonly unknown[] | null;
  checkpoint?: { checkpoint_ns?: string } | null;
  result?: unknown;
}
