/**
 * Type helpers: typed tool calls from a tool list or an agent.
 */
import type { ToolCallSnapshot } from "../controller/types";
import type { HeadlessTool, HeadlessToolContext } from "./types";

/**
 * A tool call snapshot narrowed to one tool: its `name`, `input` and `output` types.
 *
 * @example
 * const call: TypedToolCall<"get_weather", { city: string }, string> = snapshot.toolCalls[0] as never;
 */
export type TypedToolCall<TName extends string, TArgs, TOutput> = Omit<ToolCallSnapshot, "name" | "input" | "output"> & {
  readonly name: TName;
  readonly input: TArgs;
  /** `undefined` until the call finished. */
  readonly output: TOutput | undefined;
};

/** What a tool function resolves to (streaming LangChain tools return a generator's final value). */
type ToolResult<TReturn> = TReturn extends AsyncGenerator<unknown, infer TFinal, unknown> ? TFinal : Awaited<TReturn>;

/**
 * The typed call of one tool: a headless tool (`{ name, execute(args) }`), a LangChain tool
 * (`tool(...)`, `DynamicStructuredTool`: `func(input)`), or `never` for anything else.
 */
export type ToolCallFromTool<TTool> = TTool extends {
  readonly name: infer TName extends string;
  execute(args: infer TArgs, ...rest: any[]): infer TResult;
}
  ? TypedToolCall<TName, TArgs, ToolResult<TResult>>
  : TTool extends { readonly name: infer TName extends string; func: (input: infer TArgs, ...rest: any[]) => infer TResult }
    ? TypedToolCall<TName, TArgs, ToolResult<TResult>>
    : never;

type CallsOfList<TList> = TList extends readonly (infer TTool)[] ? ToolCallFromTool<TTool> : never;

/** Falls back to the untyped snapshot when nothing could be inferred. */
type OrUntyped<TCalls> = [TCalls] extends [never] ? ToolCallSnapshot : TCalls;

/**
 * A union of typed tool calls, discriminated by `name`, from:
 * - a list of tools (headless tools or LangChain tools),
 * - an agent made with `createAgent` (its `~agentTypes` brand lists its tools).
 *
 * Anything else, or tools whose types cannot be read, gives the untyped `ToolCallSnapshot`.
 *
 * @example
 * type Call = InferToolCalls<typeof agent>;
 * function render(call: Call) { if (call.name === "get_weather") call.input.city; }
 */
export type InferToolCalls<T> = T extends { readonly "~agentTypes": { Tools: infer TTools } }
  ? OrUntyped<CallsOfList<TTools>>
  : T extends readonly unknown[]
    ? OrUntyped<CallsOfList<T>>
    : ToolCallSnapshot;

/**
 * Declares a headless tool with its name kept as a literal type (for `InferToolCalls`).
 *
 * @example
 * const getLocation = headlessTool({ name: "get_location", execute: async () => ({ city: "Paris" }) });
 */
export function headlessTool<TName extends string, TArgs, TResult>(tool: {
  readonly name: TName;
  execute(args: TArgs, context: HeadlessToolContext): TResult | Promise<TResult>;
}): HeadlessTool<TArgs, TResult, TName> {
  return tool;
}
