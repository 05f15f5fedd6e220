import { Annotation, END, interrupt, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { ScriptedChatModel } from "../fake/scripted-model.js";

/** Payload of each of the two `double_interrupt` questions. */
export interface QuestionRequest {
  type: "question";
  field: "budget" | "schedule";
  question: string;
}

/** The two questions `double_interrupt` asks at once, keyed by the node asking. */
export const DOUBLE_INTERRUPT_QUESTIONS: Record<"ask_budget" | "ask_schedule", QuestionRequest> = {
  ask_budget: { type: "question", field: "budget", question: "Which budget should the project get?" },
  ask_schedule: { type: "question", field: "schedule", question: "Which deadline should the project have?" },
};

const DoubleInterruptState = Annotation.Root({
  ...MessagesAnnotation.spec,
  /** Answers by field; both parallel nodes merge theirs in. */
  answers: Annotation<Record<string, unknown>>({
    reducer: (current, update) => ({ ...current, ...update }),
    default: () => ({}),
  }),
});

type DoubleInterruptValues = typeof DoubleInterruptState.State;

const askNode = (request: QuestionRequest) => () => {
  const answer: unknown = interrupt(request);
  return { answers: { [request.field]: answer } };
};

/**
 * Builds the `double_interrupt` graph: two parallel nodes each call `interrupt()`, so two
 * requests are pending at once; resuming both in one command (resume map by interrupt id)
 * records both answers in `answers` and streams a summary.
 *
 * @example
 * ```ts
 * const graph = createDoubleInterruptGraph(); // first run ends interrupted with two requests
 * ```
 */
export function createDoubleInterruptGraph() {
  const model = new ScriptedChatModel({
    modelName: "scripted-double-interrupt",
    script: ({ messages }) => ({ text: `Both answers are in: ${String(messages.at(-1)?.content ?? "")}` }),
  });
  const summarize = async (state: DoubleInterruptValues) => {
    const { budget, schedule } = state.answers;
    const summary = `budget=${JSON.stringify(budget)}, schedule=${JSON.stringify(schedule)}.`;
    return { messages: [await model.invoke([...state.messages, { role: "user", content: summary }])] };
  };
  return new StateGraph(DoubleInterruptState)
    .addNode("ask_budget", askNode(DOUBLE_INTERRUPT_QUESTIONS.ask_budget))
    .addNode("ask_schedule", askNode(DOUBLE_INTERRUPT_QUESTIONS.ask_schedule))
    .addNode("summarize", summarize)
    .addEdge(START, "ask_budget")
    .addEdge(START, "ask_schedule")
    .addEdge(["ask_budget", "ask_schedule"], "summarize")
    .addEdge("summarize", END)
    .compile();
}
