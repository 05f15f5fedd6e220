import { HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { describe, expectTypeOf, it } from "vitest";
import type { createHitlGraph } from "../../../../apps/agent-server/src/graphs/hitl";
import type { createTextGraph } from "../../../../apps/agent-server/src/graphs/text";
import type { createToolAgentGraph } from "../../../../apps/agent-server/src/graphs/tool-agent";
import type { Client } from "../client/client";
import { createStreamController } from "./options";
import type { InferStateType, MessageInput, SubmitInput, WidenUpdateMessages } from "./type-inference";

type TextGraph = ReturnType<typeof createTextGraph>;
type HitlGraph = ReturnType<typeof createHitlGraph>;
type ToolAgentGraph = ReturnType<typeof createToolAgentGraph>;

describe("InferStateType", () => {
  it("reads the state of a compiled StateGraph", () => {
    expectTypeOf<InferStateType<TextGraph>>().toEqualTypeOf<{ messages: BaseMessage[] }>();
    expectTypeOf<InferStateType<HitlGraph>["decision"]>().toEqualTypeOf<
      { decision: "approve" } | { decision: "edit"; args: Record<string, unknown> } | { decision: "reject"; reason?: string } | null
    >();
  });

  it("reads the state of a createAgent graph", () => {
    // Its phantom run-output type is `any`; the declared output state is used instead.
    expectTypeOf<InferStateType<ToolAgentGraph>>().not.toBeAny();
    expectTypeOf<InferStateType<ToolAgentGraph>["messages"]>().toBeArray();
    expectTypeOf<InferStateType<ToolAgentGraph>["messages"][number]["content"]>().not.toBeAny();
  });

  it("reads an agent through its graph", () => {
    type AgentLike = { readonly "~agentTypes": { State: undefined }; readonly graph: TextGraph };
    expectTypeOf<InferStateType<AgentLike>>().toEqualTypeOf<{ messages: BaseMessage[] }>();
  });

  it("returns a hand-written state as is, and a loose record for anything else", () => {
    interface Written {
      messages: BaseMessage[];
      topic: string;
    }
    expectTypeOf<InferStateType<Written>>().toEqualTypeOf<Written>();
    expectTypeOf<InferStateType<string>>().toEqualTypeOf<Record<string, unknown>>();
  });

  it("types a controller's values from the graph", () => {
    const controller = createStreamController<InferStateType<HitlGraph>>({ assistantId: "hitl", client: {} as Client });
    expectTypeOf(controller.rootStore.getSnapshot().values.messages).toEqualTypeOf<BaseMessage[]>();
    expectTypeOf(controller.rootStore.getSnapshot().values).toHaveProperty("decision");
  });
});

describe("WidenUpdateMessages", () => {
  type State = { messages: BaseMessage[]; topic: string };

  it("widens the messages key to strings, dicts, instances and lists of them", () => {
    type Update = WidenUpdateMessages<Partial<State>>;
    expectTypeOf<{ messages: "hi" }>().toMatchTypeOf<Update>();
    expectTypeOf<{ messages: { role: "user"; content: "hi" } }>().toMatchTypeOf<Update>();
    expectTypeOf<{ messages: HumanMessage[] }>().toMatchTypeOf<Update>();
    expectTypeOf<{ messages: (string | HumanMessage)[] }>().toMatchTypeOf<Update>();
    expectTypeOf<Update["messages"]>().toEqualTypeOf<BaseMessage[] | MessageInput | readonly MessageInput[] | undefined>();
  });

  it("leaves other keys alone and keeps optionality", () => {
    type Update = WidenUpdateMessages<Partial<State>>;
    expectTypeOf<Update["topic"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<{ topic: 42 }>().not.toMatchTypeOf<Update>();
    expectTypeOf<{ topic: "weather" }>().toMatchTypeOf<WidenUpdateMessages<Partial<State>>>();
    expectTypeOf<{ topic: "weather" }>().not.toMatchTypeOf<WidenUpdateMessages<State>>();
  });

  it("widens a custom messages key instead", () => {
    type Update = WidenUpdateMessages<{ history: BaseMessage[]; messages: number }, "history">;
    expectTypeOf<{ history: "hi"; messages: 1 }>().toMatchTypeOf<Update>();
    expectTypeOf<{ history: BaseMessage[]; messages: "hi" }>().not.toMatchTypeOf<Update>();
  });

  it("SubmitInput also takes null (run without input)", () => {
    expectTypeOf<null>().toMatchTypeOf<SubmitInput<State>>();
    expectTypeOf<{ messages: "hi" }>().toMatchTypeOf<SubmitInput<State>>();
  });
});
