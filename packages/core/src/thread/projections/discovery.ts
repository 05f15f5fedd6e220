import type { LifecycleEventData, Namespace, ToolsEventData } from "../../protocol/types";
import { namespaceKey } from "../../protocol/filter";
import { tryParseJson } from "../../assembly/json";
import { unwrapToolOutput } from "../../assembly/tool-output";
import { IterableResult } from "./deferred-iterable";
import { openMessagesReader } from "./messages";
import { openRunReader, type ProjectionHost } from "./run-reader";
import { openToolCallsReader } from "./tool-calls";
import { openValuesReader } from "./values";

/** Status of a discovered subgraph or subagent. */
export type ScopeStatus = "running" | "complete" | "error" | "interrupted";

function statusOf(event: string | undefined, previous: ScopeStatus): ScopeStatus {
  if (event === "completed") return "complete";
  if (event === "failed") return "error";
  if (event === "interrupted") return "interrupted";
  return previous;
}

/** Shared surface of a discovered scope: scoped readers opened on access. */
abstract class ScopeHandle {
  status: ScopeStatus = "running";
  constructor(
    protected readonly host: ProjectionHost,
    readonly namespace: string[],
  ) {}
  /** Messages streamed inside this scope. */
  get messages() {
    return openMessagesReader(this.host, this.namespace, { depth: this.messageDepth });
  }
  /** Tool executions inside this scope. */
  get toolCalls() {
    return openToolCallsReader(this.host, this.namespace, { depth: this.messageDepth, hiddenCallIds: this.hiddenCallIds });
  }
  /** State snapshots of this scope. */
  get values() {
    return openValuesReader(this.host, this.namespace);
  }
  /** Subgraphs nested in this scope. */
  get subgraphs(): IterableResult<SubgraphHandle, SubgraphHandle[]> {
    return openSubgraphDiscovery(this.host, this.namespace);
  }
  protected get messageDepth(): number | undefined {
    return 1;
  }
  protected get hiddenCallIds(): ReadonlySet<string> | undefined {
    return undefined;
  }
}

/**
 * A subgraph: a child namespace that has descendants of its own.
 *
 * @example
 * for await (const subgraph of thread.subgraphs) console.log(subgraph.name, subgraph.namespace);
 */
export class SubgraphHandle extends ScopeHandle {
  /** Node name (segment before `:`). */
  readonly name: string;
  graphName: string | undefined;
  constructor(host: ProjectionHost, namespace: string[], graphName: string | undefined) {
    super(host, namespace);
    const last = namespace.at(-1) ?? "";
    this.name = last.includes(":") ? last.slice(0, last.lastIndexOf(":")) : last;
    this.graphName = graphName;
  }
}

/** Opens discovery of subgraphs directly below `parent`. */
export function openSubgraphDiscovery(
  host: ProjectionHost,
  parent: Namespace,
): IterableResult<SubgraphHandle, SubgraphHandle[]> {
  const result = new IterableResult<SubgraphHandle, SubgraphHandle[]>();
  const graphNames = new Map<string, string | undefined>();
  const handles = new Map<string, SubgraphHandle>();
  const depth = parent.length;
  openRunReader(host, {
    scope: parent,
    filter: { channels: ["lifecycle"], namespaces: [parent] },
    onEvent(event) {
      const namespace = event.params.namespace;
      if (namespace.length <= depth) return;
      const data = event.params.data as LifecycleEventData;
      const childNamespace = namespace.slice(0, depth + 1);
      const childKey = namespaceKey(childNamespace);
      if (namespace.length === depth + 1 && data?.event === "started") graphNames.set(childKey, data.graph_name);
      let handle = handles.get(childKey);
      if (!handle && namespace.length > depth + 1) {
        // Promoted: a plain node never has descendants, a subgraph does.
        handle = new SubgraphHandle(host, childNamespace, graphNames.get(childKey));
        handles.set(childKey, handle);
        result.push(handle);
      }
      if (handle && namespace.length === depth + 1) handle.status = statusOf(data?.event, handle.status);
    },
    onEnd(outcome) {
      if (outcome.error) result.fail(outcome.error);
      else result.finish([...handles.values()]);
    },
  });
  return result;
}

/**
 * A subagent started through a `task` tool call: its type, task text, status and final output.
 *
 * @example
 * for await (const subagent of thread.subagents) console.log(subagent.name, await subagent.output);
 */
export class SubagentHandle extends ScopeHandle {
  readonly output: Promise<unknown>;
  #resolve!: (value: unknown) => void;
  #reject!: (error: unknown) => void;
  readonly #hidden: ReadonlySet<string>;
  constructor(
    host: ProjectionHost,
    namespace: string[],
    /** The `task` tool call id. */
    readonly callId: string,
    /** `subagent_type` of the task. */
    readonly name: string,
    /** `description` of the task. */
    readonly taskInput: string,
  ) {
    super(host, namespace);
    this.#hidden = new Set([callId]);
    this.output = new Promise((resolve, reject) => ((this.#resolve = resolve), (this.#reject = reject)));
    this.output.catch(() => undefined);
  }
  protected override get messageDepth(): number | undefined {
    return undefined;
  }
  protected override get hiddenCallIds(): ReadonlySet<string> {
    return this.#hidden;
  }
  /** @internal */
  settle(status: ScopeStatus, value: unknown): void {
    if (this.status !== "running") return;
    this.status = status;
    if (status === "error") this.#reject(value instanceof Error ? value : new Error(String(value)));
    else this.#resolve(value);
  }
}

/** Opens discovery of subagents (`task` tool calls) anywhere in the run. */
export function openSubagentDiscovery(host: ProjectionHost): IterableResult<SubagentHandle, SubagentHandle[]> {
  const result = new IterableResult<SubagentHandle, SubagentHandle[]>();
  const handles = new Map<string, SubagentHandle>();
  openRunReader(host, {
    scope: [],
    filter: { channels: ["tools"] },
    onEvent(event) {
      if (event.method !== "tools") return;
      const data = event.params.data as ToolsEventData;
      if (data.event === "tool-started" && data.tool_name === "task" && !handles.has(data.tool_call_id)) {
        const raw = typeof data.input === "string" ? tryParseJson(data.input) : data.input;
        const input = (raw && typeof raw === "object" ? raw : {}) as { description?: unknown; subagent_type?: unknown };
        const handle = new SubagentHandle(
          host,
          [...event.params.namespace],
          data.tool_call_id,
          typeof input.subagent_type === "string" ? input.subagent_type : "unknown",
          typeof input.description === "string" ? input.description : "",
        );
        handles.set(data.tool_call_id, handle);
        result.push(handle);
        return;
      }
      const handle = handles.get((data as { tool_call_id?: string }).tool_call_id ?? "");
      if (!handle) return;
      if (data.event === "tool-finished") handle.settle("complete", unwrapToolOutput(data.output, data.tool_call_id));
      else if (data.event === "tool-error") handle.settle("error", new Error(data.message));
    },
    onEnd(outcome) {
      for (const handle of handles.values()) handle.settle(outcome.error ? "error" : "complete", outcome.error);
      if (outcome.error) result.fail(outcome.error);
      else result.finish([...handles.values()]);
    },
  });
  return result;
}
