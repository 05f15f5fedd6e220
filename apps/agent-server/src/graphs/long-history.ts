import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { Annotation, END, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { ScriptedChatModel } from "../fake/scripted-model.js";

/** Messages `long_history` seeds when the input does not say. */
export const DEFAULT_HISTORY_SIZE = 300;

const LongHistoryState = Annotation.Root({
  ...MessagesAnnotation.spec,
  /** How many alternating human/ai messages the `seed` step adds (input field; default 300). */
  history_size: Annotation<number | undefined>({ reducer: (_, next) => next, default: () => undefined }),
});

/**
 * Builds the `long_history` graph: `seed` appends `history_size` (default 300) alternating
 * human/ai messages (fixed ids `history-<n>`, so a second run replaces them in place), then
 * `agent` streams a reply, for performance work on long transcripts.
 *
 * @example
 * ```ts
 * // input: { messages: [{ type: "human", content: "hi" }], history_size: 500 }
 * const graph = createLongHistoryGraph();
 * ```
 */
export function createLongHistoryGraph() {
  const model = new ScriptedChatModel({
    modelName: "scripted-long-history",
    script: ({ messages }) => ({
      text: `This conversation now holds ${messages.length} messages, and this reply streams at its end.`,
    }),
  });
  return new StateGraph(LongHistoryState)
    .addNode("seed", (state) => {
      const size = Math.max(0, Math.floor(state.history_size ?? DEFAULT_HISTORY_SIZE));
      const history = Array.from({ length: size }, (_, index) =>
        index % 2 === 0
          ? new HumanMessage({ id: `history-${index}`, content: `Question ${index / 2 + 1}: what happened next?` })
          : new AIMessage({ id: `history-${index}`, content: `Answer ${(index + 1) / 2}: the story went on.` }),
      );
      return { messages: history };
    })
    .addNode("agent", async (state) => ({ messages: [await model.invoke(state.messages)] }))
    .addEdge(START, "seed")
    .addEdge("seed", "agent")
    .addEdge("agent", END)
    .compile();
}
