import { END, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { ScriptedChatModel } from "../fake/scripted-model.js";

/** Number of tokens the `slow` graph streams. */
export const SLOW_TOKEN_COUNT = 200;

/** Default per-token delay of the `slow` graph (config or env override it). */
export const SLOW_DEFAULT_DELAY_MS = 50;

/** The `slow` reply: `SLOW_TOKEN_COUNT` numbered words. */
export const slowReply = (): string =>
  Array.from({ length: SLOW_TOKEN_COUNT }, (_, index) => `word${index + 1}`).join(" ");

/**
 * Builds the `slow` graph: streams {@link SLOW_TOKEN_COUNT} tokens, {@link SLOW_DEFAULT_DELAY_MS} ms apart
 * (only `configurable.token_delay_ms` changes that, not the environment), for stop/cancel tests.
 *
 * @example
 * ```ts
 * const graph = createSlowGraph(); // about 10 s per run unless token_delay_ms is configured
 * ```
 */
export function createSlowGraph() {
  const model = new ScriptedChatModel({
    modelName: "scripted-slow",
    defaultTokenDelayMs: SLOW_DEFAULT_DELAY_MS,
    // The global speed-up variable must not make the cancel fixture fast; only the run config may.
    useEnvironmentDelay: false,
    script: () => ({ text: slowReply() }),
  });
  return new StateGraph(MessagesAnnotation)
    .addNode("agent", async (state) => ({ messages: [await model.invoke(state.messages)] }))
    .addEdge(START, "agent")
    .addEdge("agent", END)
    .compile();
}
