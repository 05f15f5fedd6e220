import type { MediaKind } from "../../assembly/content-blocks";
import { openSubagentDiscovery, openSubgraphDiscovery } from "./discovery";
import { extensionsProxy } from "./extensions";
import { openMediaReader } from "./media";
import { openMessagesReader } from "./messages";
import type { ProjectionHost } from "./run-reader";
import { openToolCallsReader } from "./tool-calls";
import { openValuesReader, type ValuesReader } from "./values";

/**
 * The lazy, run-scoped readers of a `ThreadStream`. Each property access opens a fresh reader
 * that replays the current run from its start and ends when the run ends, so several readers
 * (or a reader opened after the run finished) all see the whole run. `output` is shared per run.
 */
export class ThreadProjections<TState> {
  #output: ValuesReader<TState> | undefined;

  constructor(private readonly host: ProjectionHost) {}

  get values(): ValuesReader<TState> {
    return openValuesReader<TState>(this.host);
  }
  get output(): Promise<TState> {
    this.#output ??= openValuesReader<TState>(this.host);
    return Promise.resolve(this.#output);
  }
  get messages() {
    return openMessagesReader(this.host);
  }
  get toolCalls() {
    return openToolCallsReader(this.host);
  }
  get extensions() {
    return extensionsProxy(this.host);
  }
  get subgraphs() {
    return openSubgraphDiscovery(this.host, []);
  }
  get subagents() {
    return openSubagentDiscovery(this.host);
  }
  media(kind: MediaKind) {
    return openMediaReader(this.host, kind);
  }

  /** A new run starts: the shared `output` belongs to the previous one. */
  startRun(): void {
    this.#output = undefined;
  }

  /** The thread closed or failed: readers end through their subscriptions; forget the shared one. */
  close(): void {
    this.#output = undefined;
  }
}
