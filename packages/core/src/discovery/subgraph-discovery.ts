/**
 * Subgraphs: namespaces that turn out to host deeper namespaces, from lifecycle events and history.
 */
import { isRecord } from "../assembly/json";
import { namespaceKey } from "../protocol/filter";
import type { LifecycleEventData, Namespace, ProtocolEvent } from "../protocol/types";
import { StreamStore } from "../store/stream-store";
import { runFailedErrorFrom } from "../thread/run-errors";
import { isWorkerSegment } from "../projections/namespace";
import { SnapshotMap } from "./snapshot-map";
import type { DiscoveryOptions } from "./subagent-discovery";
import { timeOf } from "./task-calls";
import type { DiscoveryStatus, SubgraphByNodeMap, SubgraphMap, SubgraphSnapshot } from "./types";

/** What lifecycle events said about one namespace, promoted or not. */
interface Shadow {
  readonly namespace: Namespace;
  status: DiscoveryStatus;
  error: string | undefined;
  startedAt: Date;
  completedAt: Date | null;
}

/** A subgraph found in stored history. */
export interface SubgraphHost {
  readonly namespace: Namespace;
  readonly status: DiscoveryStatus;
  readonly error?: string;
  readonly startedAt?: Date;
  readonly completedAt?: Date | null;
}

const TERMINAL: ReadonlySet<DiscoveryStatus> = new Set(["complete", "error"]);

function nodeNameOf(namespace: Namespace): string {
  const segment = namespace[namespace.length - 1] ?? "";
  const colon = segment.lastIndexOf(":");
  return colon >= 0 ? segment.slice(0, colon) : segment;
}

/**
 * Discovers subgraphs. Every node run gets its own namespace on the wire, so a namespace counts as
 * a subgraph only once a deeper namespace appears under it (then every enclosing namespace does
 * too). Tool executions and subagent tasks (`tools:*`, `task:*`) are not subgraphs. Its status
 * follows the namespace's own lifecycle: `started` → running, `completed`/`interrupted` →
 * complete, `failed` → error. Unchanged subgraphs keep their object; both stores publish only
 * when something changed.
 *
 * @example
 * const discovery = new SubgraphDiscovery();
 * thread.subscribe({ channels: ["lifecycle"] }).onEvent((event) => discovery.push(event));
 * discovery.byNodeStore.getSnapshot().get("research");
 */
export class SubgraphDiscovery {
  readonly store: StreamStore<SubgraphMap>;
  readonly byNodeStore: StreamStore<SubgraphByNodeMap>;
  readonly #shadows = new Map<string, Shadow>();
  readonly #map = new SnapshotMap<SubgraphSnapshot>();
  readonly #byNode = new SnapshotMap<readonly SubgraphSnapshot[]>();
  /** Subgraphs whose snapshot must be rebuilt on commit. */
  readonly #dirty = new Set<string>();

  constructor(options: Pick<DiscoveryOptions, "scheduler"> = {}) {
    this.store = new StreamStore<SubgraphMap>(this.#map.published, { scheduler: options.scheduler });
    this.byNodeStore = new StreamStore<SubgraphByNodeMap>(this.#byNode.published, { scheduler: options.scheduler });
  }

  /** The current map (same as `store.getSnapshot()`). */
  get snapshot(): SubgraphMap {
    return this.store.getSnapshot();
  }

  /** The current by-node map (same as `byNodeStore.getSnapshot()`). */
  get byNodeSnapshot(): SubgraphByNodeMap {
    return this.byNodeStore.getSnapshot();
  }

  /** Applies one event; only `lifecycle` events below the root matter. */
  push(event: ProtocolEvent): void {
    if (event.method !== "lifecycle") return;
    const namespace = event.params.namespace;
    const data = event.params.data as LifecycleEventData | null;
    if (namespace.length === 0 || !isRecord(data)) return;
    const at = timeOf(event.params.timestamp);
    const shadow = this.#shadow(namespace, at);
    const status = statusOf(data.event);
    if (status !== undefined && status !== shadow.status) {
      shadow.status = status;
      shadow.error = status === "error" ? runFailedErrorFrom(data.error).message : undefined;
      shadow.completedAt = TERMINAL.has(status) ? at : null;
      this.#touch(namespace);
    }
    for (let length = 1; length < namespace.length; length += 1) this.#promote(namespace.slice(0, length), at);
    this.#commit();
  }

  /**
   * Adds subgraphs found in stored history. A subgraph that already finished is not downgraded.
   *
   * @example
   * discovery.seedFromHistory([{ namespace: ["research:1"], status: "complete" }]);
   */
  seedFromHistory(hosts: readonly SubgraphHost[]): void {
    for (const host of hosts) {
      const at = host.startedAt ?? new Date();
      const shadow = this.#shadow(host.namespace, at);
      if (!TERMINAL.has(shadow.status) && host.status !== shadow.status) {
        shadow.status = host.status;
        shadow.error = host.error;
        shadow.completedAt = host.completedAt ?? (TERMINAL.has(host.status) ? at : null);
        this.#touch(host.namespace);
      }
      for (let length = 1; length <= host.namespace.length; length += 1) this.#promote(host.namespace.slice(0, length), at);
    }
    this.#commit();
  }

  /** Forgets everything (another thread). */
  reset(): void {
    this.#shadows.clear();
    this.#dirty.clear();
    const cleared = this.#map.clear();
    const clearedByNode = this.#byNode.clear();
    if (cleared !== undefined) this.store.setValue(cleared);
    if (clearedByNode !== undefined) this.byNodeStore.setValue(clearedByNode);
  }

  #shadow(namespace: Namespace, at: Date, key = namespaceKey(namespace)): Shadow {
    let shadow = this.#shadows.get(key);
    if (shadow === undefined) {
      shadow = { namespace: [...namespace], status: "running", error: undefined, startedAt: at, completedAt: null };
      this.#shadows.set(key, shadow);
    }
    return shadow;
  }

  #promote(namespace: Namespace, at: Date): void {
    if (isWorkerSegment(namespace[namespace.length - 1])) return;
    const key = namespaceKey(namespace);
    if (this.#map.has(key)) return;
    this.#shadow(namespace, at, key);
    this.#dirty.add(key);
  }

  /** Marks a namespace's snapshot for rebuilding, if it is a published subgraph. */
  #touch(namespace: Namespace): void {
    const key = namespaceKey(namespace);
    if (this.#map.has(key)) this.#dirty.add(key);
  }

  #commit(): void {
    if (this.#dirty.size === 0) return;
    const changedNodes = new Set<string>();
    for (const key of this.#dirty) {
      const shadow = this.#shadows.get(key);
      if (shadow === undefined) continue;
      const snapshot = this.#snapshotOf(key, shadow);
      this.#map.set(key, snapshot);
      changedNodes.add(snapshot.name);
    }
    this.#dirty.clear();
    const next = this.#map.commit();
    if (next === undefined) return;
    for (const name of changedNodes) {
      this.#byNode.set(name, Object.freeze([...next.values()].filter((snapshot) => snapshot.name === name)));
    }
    this.store.setValue(next);
    const byNode = this.#byNode.commit();
    if (byNode !== undefined) this.byNodeStore.setValue(byNode);
  }

  #snapshotOf(key: string, shadow: Shadow): SubgraphSnapshot {
    const namespace = shadow.namespace;
    let parentId: string | null = null;
    for (let length = namespace.length - 1; length > 0 && parentId === null; length -= 1) {
      const candidate = namespaceKey(namespace.slice(0, length));
      if (this.#map.has(candidate) || this.#dirty.has(candidate)) parentId = candidate;
    }
    return Object.freeze({
      id: key,
      name: nodeNameOf(namespace),
      namespace,
      parentId,
      depth: namespace.length,
      status: shadow.status,
      error: shadow.error,
      startedAt: shadow.startedAt,
      completedAt: shadow.completedAt,
    });
  }
}

function statusOf(event: unknown): DiscoveryStatus | undefined {
  if (event === "started" || event === "running") return "running";
  if (event === "completed" || event === "interrupted") return "complete";
  if (event === "failed") return "error";
  return undefined;
}
