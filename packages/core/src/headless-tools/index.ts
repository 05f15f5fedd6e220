// Running tools on the client when the graph asks for them
export { attachHeadlessTools } from "./attach";
export { HeadlessToolRunner, toolInterruptsOf, type HeadlessThread, type HeadlessToolRunnerOptions, type ToolInterrupt } from "./runner";
export { filterHeadlessToolInterrupts, isHeadlessToolInterrupt, readToolRequest, type InterruptLike } from "./payload";
export type { HeadlessTool, HeadlessToolContext, HeadlessToolEvent, HeadlessToolsOptions, ToolRequest } from "./types";

// Type helpers
export { headlessTool, type InferToolCalls, type ToolCallFromTool, type TypedToolCall } from "./infer-tool-calls";
