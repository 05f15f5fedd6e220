import { END, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { ScriptedChatModel } from "../fake/scripted-model.js";

/** Message of the error the `failing` graph throws mid-run. */
export const FAILING_ERROR_MESSAGE = "Scripted failure: the model connection dropped mid-stream";

/**
 * Builds the `failing` graph: the model streams four tokens, then throws {@link FAILING_ERROR_MESSAGE}.
 *
 * @example
 * ```ts
 * await createFailingGraph().invoke({ messages: [] }); // rejects with FAILING_ERROR_MESSAGE
 * ```
 */
export function createFailingGraph() {
  const model = new ScriptedChatModel({
    modelName: "scripted-failing",
    script: () => ({
      text: "Starting the answer and then something goes wrong",
      failAfterTokens: 4,
      failWith: FAILING_ERROR_MESSAGE,
    }),
  });
  return new StateGraph(MessagesAnnotation)
    .addNode("agent", async (state) => ({ messages: [await model.invoke(state.messages)] }))
    .addEdge(START, "agent")
    .addEdge("agent", END)
    .compile();
}
