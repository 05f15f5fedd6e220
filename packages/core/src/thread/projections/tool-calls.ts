import { ToolCallAssembler } from "../../assembly/tool-call-assembler";
import type { AssembledToolCall } from "../../assembly/types";
import type { Namespace } from "../../protocol/types";
import { IterableResult } from "./deferred-iterable";
import { openRunReader, type ProjectionHost } from "./run-reader";

/**
 * One tool execution: name and input at once, `output` when it finishes (rejects on a tool
 * error), `current` for the live status.
 *
 * @example
 * for await (const call of thread.toolCalls) console.log(call.name, call.input, await call.output);
 */
export class ToolCallHandle {
  readonly output: Promise<unknown>;
  #resolve!: (value: unknown) => void;
  #reject!: (error: unknown) => void;
  #settled = false;

  constructor(readonly current: AssembledToolCall) {
    this.output = new Promise((resolve, reject) => ((this.#resolve = resolve), (this.#reject = reject)));
    this.output.catch(() => undefined);
  }
  get id(): string {
    return this.current.id;
  }
  get name(): string {
    return this.current.name;
  }
  get input(): unknown {
    return this.current.input;
  }
  get status(): AssembledToolCall["status"] {
    return this.current.status;
  }

  /** @internal */
  update(): void {
    if (this.#settled) return;
    if (this.current.status === "finished") {
      this.#settled = true;
      this.#resolve(this.current.output);
    } else if (this.current.status === "error") {
      this.#settled = true;
      this.#reject(new Error(this.current.error?.message ?? `tool ${this.current.name} failed`));
    }
  }

  /** @internal */
  end(error: Error): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#reject(error);
  }
}

/** Tool calls of one scope for the current run; awaitable for the full list. */
export type ToolCallsReader = IterableResult<ToolCallHandle, ToolCallHandle[]>;

/** Opens a reader of tool executions of `scope`'s nodes, skipping `hiddenCallIds`. */
export function openToolCallsReader(
  host: ProjectionHost,
  scope: Namespace = [],
  options: { depth?: number; hiddenCallIds?: ReadonlySet<string> } = {},
): ToolCallsReader {
  const reader = new IterableResult<ToolCallHandle, ToolCallHandle[]>();
  const assembler = new ToolCallAssembler();
  const handles = new Map<string, ToolCallHandle>();
  openRunReader(host, {
    scope,
    filter: { channels: ["tools"], namespaces: [scope], depth: options.depth ?? 1 },
    onEvent(event) {
      if (event.method !== "tools") return;
      const call = assembler.consume(event);
      if (!call || options.hiddenCallIds?.has(call.id)) return;
      let handle = handles.get(call.id);
      if (!handle) {
        handle = new ToolCallHandle(call);
        handles.set(call.id, handle);
        reader.push(handle);
      }
      handle.update();
    },
    onEnd(outcome) {
      const error = outcome.error ?? new Error(`run ended (${outcome.status}) before the tool finished`);
      for (const handle of handles.values()) handle.end(error);
      if (outcome.error) reader.fail(outcome.error);
      else reader.finish([...handles.values()]);
    },
  });
  return reader;
}
