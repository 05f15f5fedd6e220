import { END, type LangGraphRunnableConfig, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { tokenize } from "../fake/token-delay.js";
import { ScriptedChatModel } from "../fake/scripted-model.js";

/** Name of the named custom events (`custom:progress` channel). */
export const PROGRESS_EVENT_NAME = "progress";

/** The reply `custom_events` streams between progress events. */
export const CUSTOM_EVENTS_REPLY =
  "Working through the task step by step while reporting progress on the custom channel.";

/** Tokens between two progress events. */
const TOKENS_PER_PROGRESS = 4;

type Writer = (chunk: unknown) => void;

const progressScript = (write: Writer) => {
  const tokenCount = tokenize(CUSTOM_EVENTS_REPLY).length;
  return () => ({
    text: CUSTOM_EVENTS_REPLY,
    onToken: (count: number) => {
      if (count % TOKENS_PER_PROGRESS !== 0 || count >= tokenCount) return;
      write({ name: PROGRESS_EVENT_NAME, percent: Math.round((count / tokenCount) * 100), label: `token ${count}` });
    },
  });
};

/**
 * Builds the `custom_events` graph: one `work` node streams a reply and, interleaved with its tokens,
 * writes named events `{name:"progress", percent, label}` (channel `custom:progress`, percent rising
 * from 0 to 100) and unnamed values (channel `custom`) through `config.writer`.
 *
 * @example
 * ```ts
 * const graph = createCustomEventsGraph();
 * ```
 */
export function createCustomEventsGraph() {
  const work = async (state: typeof MessagesAnnotation.State, config: LangGraphRunnableConfig) => {
    const write: Writer = config.writer ?? (() => undefined);
    // One model per run: its script writes progress through this run's writer while tokens stream.
    const model = new ScriptedChatModel({ modelName: "scripted-custom", script: progressScript(write) });
    write({ name: PROGRESS_EVENT_NAME, percent: 0, label: "started" });
    write("status: thinking");
    const message = await model.invoke(state.messages);
    write({ name: PROGRESS_EVENT_NAME, percent: 100, label: "done" });
    write({ stage: "finished", characters: message.text.length });
    return { messages: [message] };
  };
  return new StateGraph(MessagesAnnotation)
    .addNode("work", work)
    .addEdge(START, "work")
    .addEdge("work", END)
    .compile();
}
