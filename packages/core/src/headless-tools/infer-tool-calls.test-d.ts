import type { DynamicStructuredTool } from "@langchain/core/tools";
import { describe, expectTypeOf, it } from "vitest";
import type { ToolCallSnapshot } from "../controller/types";
import { headlessTool, type InferToolCalls } from "./infer-tool-calls";

type WeatherTool = DynamicStructuredTool<any, { city: string }, { city: string }, string, any, "get_weather">;
type SumTool = DynamicStructuredTool<any, { a: number; b: number }, { a: number; b: number }, number, any, "sum">;
/** The shape of `createAgent(...)`'s type brand. */
type Agent = { readonly "~agentTypes": { Tools: readonly [WeatherTool, SumTool] } };

const getLocation = headlessTool({
  name: "get_location",
  execute: async (args: { precision: "city" | "exact" }) => ({ city: "Paris", precision: args.precision }),
});

describe("InferToolCalls", () => {
  it("types LangChain tools by name, input and output", () => {
    type Call = InferToolCalls<[WeatherTool, SumTool]>;
    expectTypeOf<Call["name"]>().toEqualTypeOf<"get_weather" | "sum">();
    expectTypeOf<Extract<Call, { name: "get_weather" }>["input"]>().toEqualTypeOf<{ city: string }>();
    expectTypeOf<Extract<Call, { name: "sum" }>["output"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Call["status"]>().toEqualTypeOf<ToolCallSnapshot["status"]>();
  });

  it("reads an agent's tools from its type brand", () => {
    type Call = InferToolCalls<Agent>;
    expectTypeOf<Call["name"]>().toEqualTypeOf<"get_weather" | "sum">();
  });

  it("types headless tools", () => {
    expectTypeOf(getLocation.name).toEqualTypeOf<"get_location">();
    type Call = InferToolCalls<[typeof getLocation]>;
    expectTypeOf<Call["name"]>().toEqualTypeOf<"get_location">();
    expectTypeOf<Call["input"]>().toEqualTypeOf<{ precision: "city" | "exact" }>();
    expectTypeOf<Call["output"]>().toEqualTypeOf<{ city: string; precision: "city" | "exact" } | undefined>();
  });

  it("falls back to the untyped snapshot", () => {
    expectTypeOf<InferToolCalls<unknown>>().toEqualTypeOf<ToolCallSnapshot>();
    expectTypeOf<InferToolCalls<[{ notATool: true }]>>().toEqualTypeOf<ToolCallSnapshot>();
  });
});
