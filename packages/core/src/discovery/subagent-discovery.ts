/**
 * Subagents started through `task` tool calls, discovered from live events and stored history.
 */
import { isRecord } from "../assembly/json";
import { unwrapToolOutput } from "../assembly/tool-output";
import { DEFAULT_MESSAGES_KEY } from "../controller/types";
import { namespaceKey } from "../protocol/filter";
import type { LifecycleEventData, Namespace, ProtocolEvent, ToolsEventData } from "../protocol/types";
import type { NotificationScheduler } from "../store/notification-scheduler";
import { StreamStore } from "../store/stream-store";
import { runFailedErrorFrom } from "../thread/run-errors";
import { isWorkerSegment } from "../projections/namespace";
import { seedSubagents } from "./subagent-history";
import { SnapshotMap } from "./snapshot-map";
import { firstHumanText, readTaskInput, taskCallsOf, TASK_TOOL_NAME, timeOf, toolResultOf, type TaskInput } from "./task-calls";
import type { DiscoveryCheckpoint, SubagentMap, SubagentSnapshot } from "./types";

/** Options of the discovery classes. */
export interface DiscoveryOptions {
  /** Batch store notifications through this scheduler (a controller passes its own). */
  scheduler?: NotificationScheduler;
  /** State key holding the conversation (default `"messages"`). */
  messagesKey?: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type SubagentChanges = Partial<Omit<Mutable<SubagentSnapshot>, "id">>;

/** A task call to register, from an event or from stored messages. */
interface TaskStart {
  readonly id: string;
  readonly input: TaskInput;
  /** Namespace of the tool execution that runs it, when known. */
  readonly namespace: Namespace | undefined;
  /** Namespace the call was made in (locates the parent subagent). */
  readonly callerNamespace: Namespace;
  readonly startedAt: Date;
}

/**
 * Discovers subagents: a `task` tool call (`tools` `tool-started` with `tool_name: "task"`, or a
 * `task` call in a state's messages) becomes a {@link SubagentSnapshot} as soon as it starts; its
 * result (`tool-finished`, `tool-error`, or a ToolMessage in state) completes it. The execution
 * namespace is the tool event's `tools:<id>` namespace, or, when the call was reported elsewhere,
 * the namespace whose lifecycle names the call as its cause, or whose first human message is the
 * task's description (oldest pending task first). A completed subagent is never re-stamped, an
 * unchanged one keeps its object, and the store publishes only when something changed.
 *
 * @example
 * const discovery = new SubagentDiscovery();
 * thread.subscribe({ channels: ["tools", "lifecycle", "values"] }).onEvent((event) => discovery.push(event));
 * discovery.store.subscribe(() => render([...discovery.store.getSnapshot().values()]));
 */
export class SubagentDiscovery {
  readonly store: StreamStore<SubagentMap>;
  readonly #messagesKey: string;
  readonly #map = new SnapshotMap<SubagentSnapshot>();
  /** Ids of subagents still on their placeholder namespace, oldest first. */
  #unresolved: string[] = [];
  /** Namespace key → the subagent running there. */
  readonly #owners = new Map<string, string>();
  /** Messages already scanned for task calls and results. */
  readonly #seenMessages = new Set<string>();

  constructor(options: DiscoveryOptions = {}) {
    this.store = new StreamStore<SubagentMap>(this.#map.published, { scheduler: options.scheduler });
    this.#messagesKey = options.messagesKey ?? DEFAULT_MESSAGES_KEY;
  }

  /** The current map (same as `store.getSnapshot()`). */
  get snapshot(): SubagentMap {
    return this.store.getSnapshot();
  }

  /** Applies one event (`tools`, `lifecycle` and `values`; others are ignored). */
  push(event: ProtocolEvent): void {
    switch (event.method) {
      case "tools":
        this.#onTools(event);
        break;
      case "lifecycle":
        this.#onLifecycle(event);
        break;
      case "values":
        this.#onValues(event);
        break;
      default:
        return;
    }
    this.#commit();
  }

  /**
   * Adds what stored history shows (`getHistory`, newest first): task calls of the root
   * conversation, their results, and the namespaces their tool tasks ran in. Never downgrades a
   * finished subagent.
   *
   * @example
   * discovery.seed(await client.threads.getHistory(threadId, { limit: 20 }));
   */
  seed(checkpoints: readonly DiscoveryCheckpoint[]): void {
    seedSubagents(checkpoints, this.#messagesKey, {
      start: (start) => this.#start(start),
      finish: (id, failed, output, at) => this.#finish(id, failed ? { error: errorText(output) } : { output }, at),
      bind: (id, namespace) => this.#bind(id, namespace),
    });
    this.#commit();
  }

  /** Forgets every subagent (another thread). */
  reset(): void {
    this.#unresolved = [];
    this.#owners.clear();
    this.#seenMessages.clear();
    const cleared = this.#map.clear();
    if (cleared !== undefined) this.store.setValue(cleared);
  }

  #onTools(event: ProtocolEvent): void {
    const data = event.params.data as ToolsEventData | null;
    if (!isRecord(data) || typeof data.tool_call_id !== "string") return;
    const at = timeOf(event.params.timestamp);
    const namespace = event.params.namespace;
    if (data.event === "tool-started") {
      if (data.tool_name !== TASK_TOOL_NAME) return;
      const ownsNamespace = namespace.length > 0 && isWorkerSegment(namespace[namespace.length - 1]);
      this.#start({
        id: data.tool_call_id,
        input: readTaskInput(data.input),
        namespace: ownsNamespace ? namespace : undefined,
        callerNamespace: ownsNamespace ? namespace.slice(0, -1) : namespace,
        startedAt: at,
      });
    } else if (data.event === "tool-finished") {
      this.#finish(data.tool_call_id, { output: unwrapToolOutput(data.output, data.tool_call_id) }, at);
    } else if (data.event === "tool-error") {
      this.#finish(data.tool_call_id, { error: typeof data.message === "string" ? data.message : "Subagent failed" }, at);
    }
  }

  #onLifecycle(event: ProtocolEvent): void {
    const data = event.params.data as LifecycleEventData | null;
    if (!isRecord(data)) return;
    const namespace = event.params.namespace;
    const cause = data.cause;
    if (data.event === "started" && isRecord(cause) && cause.type === "toolCall" && typeof cause.tool_call_id === "string") {
      this.#bind(cause.tool_call_id, namespace);
      return;
    }
    if (data.event !== "failed" || namespace.length === 0) return;
    const owner = this.#owners.get(namespaceKey(namespace));
    if (owner !== undefined) this.#finish(owner, { error: runFailedErrorFrom(data.error).message }, timeOf(event.params.timestamp));
  }

  #onValues(event: ProtocolEvent): void {
    const values = event.params.data;
    const messages = isRecord(values) ? values[this.#messagesKey] : undefined;
    if (!Array.isArray(messages)) return;
    const namespace = event.params.namespace;
    if (this.#unresolved.length > 0 && namespace.length > 0 && isWorkerSegment(namespace[namespace.length - 1])) {
      this.#bindByTaskText(namespace, messages);
    }
    const at = timeOf(event.params.timestamp);
    for (const message of messages) {
      const id = isRecord(message) && typeof message.id === "string" ? message.id : undefined;
      if (id !== undefined && this.#seenMessages.has(id)) continue;
      if (id !== undefined) this.#seenMessages.add(id);
      for (const call of taskCallsOf(message)) {
        this.#start({ id: call.id, input: call.input, namespace: undefined, callerNamespace: namespace, startedAt: at });
      }
      const result = toolResultOf(message);
      if (result === undefined) continue;
      this.#finish(result.toolCallId, result.failed ? { error: errorText(result.output) } : { output: result.output }, at);
    }
  }

  /** A worker namespace whose first human message is a pending task's description runs that task. */
  #bindByTaskText(namespace: Namespace, messages: readonly unknown[]): void {
    if (this.#owners.has(namespaceKey(namespace))) return;
    const text = firstHumanText(messages);
    if (text === undefined) return;
    const id = this.#unresolved.find((candidate) => this.#map.get(candidate)?.taskInput === text);
    if (id !== undefined) this.#bind(id, namespace);
  }

  #start(start: TaskStart): void {
    const existing = this.#map.get(start.id);
    if (existing !== undefined) {
      if (start.namespace !== undefined) this.#bind(start.id, start.namespace);
      return;
    }
    const parent = this.#ownerOf(start.callerNamespace);
    const namespace = start.namespace ?? [`tools:${start.id}`];
    this.#map.set(
      start.id,
      Object.freeze({
        id: start.id,
        name: start.input.subagentType ?? "unknown",
        namespace,
        namespaceResolved: start.namespace !== undefined,
        parentId: parent?.id ?? null,
        depth: (parent?.depth ?? 0) + 1,
        status: "running",
        taskInput: start.input.description,
        input: start.input.args,
        output: undefined,
        error: undefined,
        startedAt: start.startedAt,
        completedAt: null,
      }),
    );
    if (start.namespace === undefined) this.#unresolved.push(start.id);
    else this.#owners.set(namespaceKey(namespace), start.id);
  }

  /** Moves a subagent from its placeholder to the namespace it runs in (once). */
  #bind(id: string, namespace: Namespace): void {
    const current = this.#map.get(id);
    const key = namespaceKey(namespace);
    if (current === undefined || current.namespaceResolved || this.#owners.has(key)) return;
    this.#unresolved = this.#unresolved.filter((candidate) => candidate !== id);
    this.#owners.set(key, id);
    this.#patch(id, { namespace: [...namespace], namespaceResolved: true });
  }

  #finish(id: string, outcome: { output?: unknown; error?: string }, at: Date): void {
    const current = this.#map.get(id);
    // Finished once: later copies of the result (replays, every later values event) change nothing.
    if (current === undefined || current.status !== "running") return;
    if (outcome.error !== undefined) this.#patch(id, { status: "error", error: outcome.error, completedAt: at });
    else this.#patch(id, { status: "complete", output: outcome.output, completedAt: at });
  }

  /** The subagent whose namespace is the longest prefix of `namespace`. */
  #ownerOf(namespace: Namespace): SubagentSnapshot | undefined {
    for (let length = namespace.length; length > 0; length -= 1) {
      const owner = this.#owners.get(namespaceKey(namespace.slice(0, length)));
      if (owner !== undefined) return this.#map.get(owner);
    }
    return undefined;
  }

  #patch(id: string, changes: SubagentChanges): void {
    const current = this.#map.get(id);
    if (current === undefined) return;
    this.#map.set(id, Object.freeze({ ...current, ...changes }));
  }

  #commit(): void {
    const next = this.#map.commit();
    if (next !== undefined) this.store.setValue(next);
  }
}

function errorText(output: unknown): string {
  if (typeof output === "string") return output;
  return output === undefined || output === null ? "Subagent failed" : JSON.stringify(output);
}
