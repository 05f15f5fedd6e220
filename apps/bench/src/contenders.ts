/**
 * The two implementations under test behind one small interface: a root store, `submit` and
 * `dispose`, each built on its own custom adapter over the same scripted server.
 */
import { createStreamController } from "@agent-stream/core";
import { Client } from "@langchain/langgraph-sdk";
import { StreamController as ReferenceStreamController, type AgentServerAdapter } from "@langchain/langgraph-sdk/stream";
import { OurBenchAdapter } from "./adapters/our-adapter";
import { ReferenceBenchAdapter } from "./adapters/reference-adapter";
import type { ScriptedServer } from "./server/scripted-server";

export { textOf } from "./message-text";

/** Which implementation. */
export type ContenderName = "ours" | "reference";

/** What the benchmark reads from a root snapshot. */
export interface SnapshotView {
  readonly messages: readonly { readonly content: unknown }[];
  readonly toolCalls: readonly unknown[];
  readonly isLoading: boolean;
}

/** One controller under test. */
export interface Contender {
  readonly name: ContenderName;
  subscribe(listener: () => void): () => void;
  getSnapshot(): SnapshotView;
  submit(text: string): Promise<void>;
  dispose(): Promise<void>;
}

/** Options a contender is built with. */
export interface ContenderOptions {
  /** Ours only: minimum spacing of store notifications (the reference has no such option). */
  readonly throttleMs?: number;
}

function createOurs(server: ScriptedServer, options: ContenderOptions): Contender {
  const controller = createStreamController({
    assistantId: "agent",
    transport: new OurBenchAdapter(server),
    throttleMs: options.throttleMs,
  });
  return {
    name: "ours",
    subscribe: (listener) => controller.rootStore.subscribe(listener),
    getSnapshot: () => controller.rootStore.getSnapshot(),
    submit: (text) => controller.submit({ messages: [{ type: "human", content: text }] }),
    dispose: () => controller.dispose(),
  };
}

function createReference(server: ScriptedServer): Contender {
  const controller = new ReferenceStreamController({
    assistantId: "agent",
    client: new Client({ apiUrl: "http://scripted-server.invalid", apiKey: null }),
    transport: new ReferenceBenchAdapter(server) as unknown as AgentServerAdapter,
  });
  return {
    name: "reference",
    subscribe: (listener) => controller.rootStore.subscribe(listener),
    getSnapshot: () => controller.rootStore.getSnapshot() as unknown as SnapshotView,
    submit: (text) => controller.submit({ messages: [{ type: "human", content: text }] }),
    dispose: () => controller.dispose(),
  };
}

/**
 * Builds a controller of `name` talking to `server`.
 *
 * @example
 * const contender = createContender("reference", server);
 */
export function createContender(name: ContenderName, server: ScriptedServer, options: ContenderOptions = {}): Contender {
  return name === "ours" ? createOurs(server, options) : createReference(server);
}
