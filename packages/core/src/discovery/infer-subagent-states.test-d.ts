import type { BaseMessage } from "@langchain/core/messages";
import { describe, expectTypeOf, it } from "vitest";
import type { StreamController } from "../controller/stream-controller";
import type { ThreadStream } from "../thread/thread-stream";
import type { DiscoveryHost, DiscoveryThread } from "./attach";
import type { DefaultSubagentState, InferSubagentNames, InferSubagentStates } from "./infer-subagent-states";

interface ResearchState {
  messages: BaseMessage[];
  findings: string[];
}
interface WriterState {
  messages: BaseMessage[];
  draft: string;
}
type Researcher = { invoke(input: unknown, config?: unknown): Promise<ResearchState> };
type Writer = { invoke(input: unknown): Promise<WriterState> };
/** The shape of `createDeepAgent(...)`'s type brand. */
type DeepAgent = {
  readonly "~deepAgentTypes": {
    Subagents: readonly [
      { name: "researcher"; description: string; runnable: Researcher },
      { name: "critic"; description: string; systemPrompt: string },
    ];
  };
};

describe("InferSubagentStates", () => {
  it("maps a record of agents to their states", () => {
    type States = InferSubagentStates<{ researcher: Researcher; writer: Writer }>;
    expectTypeOf<States["researcher"]>().toEqualTypeOf<ResearchState>();
    expectTypeOf<States["writer"]>().toEqualTypeOf<WriterState>();
    expectTypeOf<InferSubagentNames<{ researcher: Researcher; writer: Writer }>>().toEqualTypeOf<
      "researcher" | "writer"
    >();
  });

  it("reads a deep agent's subagent list", () => {
    type States = InferSubagentStates<DeepAgent>;
    expectTypeOf<States["researcher"]>().toEqualTypeOf<ResearchState>();
    expectTypeOf<States["critic"]>().toEqualTypeOf<DefaultSubagentState>();
    expectTypeOf<keyof States>().toEqualTypeOf<"researcher" | "critic">();
  });

  it("falls back to a record of default states", () => {
    expectTypeOf<InferSubagentStates<unknown>>().toEqualTypeOf<Record<string, DefaultSubagentState>>();
  });
});

describe("discovery hosts", () => {
  it("accepts a StreamController and a ThreadStream as they are", () => {
    expectTypeOf<StreamController>().toExtend<DiscoveryHost>();
    expectTypeOf<ThreadStream>().toExtend<DiscoveryThread>();
  });
});
