import type { RunnableConfig } from "@langchain/core/runnables";
import { END, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { ScriptedChatModel } from "../fake/scripted-model.js";

/** The reasoning the `reasoning` graph streams before its answer. */
export const reasoningThought = (userText: string): string =>
  `The user asked "${userText}". I should think it through step by step before answering.`;

/** The answer the `reasoning` graph streams after its reasoning. */
export const reasoningAnswer = (userText: string): string => `Having thought about "${userText}", the answer is 42.`;

/**
 * Builds the `reasoning` graph: one `agent` node whose model streams its reasoning token by token
 * (block 0), then its answer (block 1), as reasoning models do. `configurable.reasoning_block`
 * picks the block shape: `"reasoning"` (standard, the default) or `"thinking"` (Anthropic-style
 * provider-native blocks, which the server starts as they are and continues with
 * `reasoning-delta`s).
 *
 * @example
 * ```ts
 * await graph.invoke({ messages: [{ role: "user", content: "why?" }] }, { configurable: { reasoning_block: "thinking" } });
 * ```
 */
export function createReasoningGraph() {
  const modelFor = (blockType: "reasoning" | "thinking") =>
    new ScriptedChatModel({
      modelName: `scripted-${blockType}`,
      script: ({ lastHumanText }) => ({
        reasoning: { text: reasoningThought(lastHumanText), blockType },
        text: reasoningAnswer(lastHumanText),
      }),
    });
  const models = { reasoning: modelFor("reasoning"), thinking: modelFor("thinking") };
  return new StateGraph(MessagesAnnotation)
    .addNode("agent", async (state, config: RunnableConfig) => {
      const blockType = config.configurable?.reasoning_block === "thinking" ? "thinking" : "reasoning";
      return { messages: [await models[blockType].invoke(state.messages, config)] };
    })
    .addEdge(START, "agent")
    .addEdge("agent", END)
    .compile();
}
