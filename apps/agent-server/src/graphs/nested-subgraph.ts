import { AIMessage } from "@langchain/core/messages";
import { END, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { ScriptedChatModel } from "../fake/scripted-model.js";

/** The text the innermost `draft` node streams. */
export const NESTED_DRAFT_TEXT =
  "This draft was streamed from the innermost subgraph, two levels below the root graph.";

/**
 * Builds the `nested_subgraph` graph: root → `research` (subgraph) → `researcher` (subgraph) → `draft`
 * (model node), so events arrive under namespaces of depth 1, 2 and 3.
 *
 * @example
 * ```ts
 * const graph = createNestedSubgraphGraph();
 * ```
 */
export function createNestedSubgraphGraph() {
  const model = new ScriptedChatModel({ modelName: "scripted-nested", script: () => ({ text: NESTED_DRAFT_TEXT }) });
  const researcher = new StateGraph(MessagesAnnotation)
    .addNode("draft", async (state) => ({ messages: [await model.invoke(state.messages)] }))
    .addEdge(START, "draft")
    .addEdge("draft", END)
    .compile();
  const research = new StateGraph(MessagesAnnotation)
    .addNode("plan", () => ({ messages: [new AIMessage("Plan: hand the question to the researcher.")] }))
    .addNode("researcher", researcher)
    .addEdge(START, "plan")
    .addEdge("plan", "researcher")
    .addEdge("researcher", END)
    .compile();
  return new StateGraph(MessagesAnnotation)
    .addNode("research", research)
    .addNode("finish", () => ({ messages: [new AIMessage("Research complete.")] }))
    .addEdge(START, "research")
    .addEdge("research", "finish")
    .addEdge("finish", END)
    .compile();
}
