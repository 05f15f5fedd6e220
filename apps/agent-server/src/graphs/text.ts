import { END, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { ScriptedChatModel } from "../fake/scripted-model.js";

/** The sentence the `text` graph streams, built around the user's last message. */
export const textReply = (userText: string): string =>
  `You said "${userText}". This reply is streamed token by token by a scripted model, ` +
  "so every word arrives as its own delta.";

/**
 * Builds the `text` graph: one `agent` node whose scripted model streams a ~20-token reply.
 *
 * @example
 * ```ts
 * const graph = createTextGraph();
 * await graph.invoke({ messages: [{ role: "user", content: "hi" }] });
 * ```
 */
export function createTextGraph() {
  const model = new ScriptedChatModel({
    modelName: "scripted-text",
    script: ({ lastHumanText }) => ({ text: textReply(lastHumanText) }),
  });
  return new StateGraph(MessagesAnnotation)
    .addNode("agent", async (state) => ({ messages: [await model.invoke(state.messages)] }))
    .addEdge(START, "agent")
    .addEdge("agent", END)
    .compile();
}
