import { AIMessage } from "@langchain/core/messages";
import { Annotation, END, interrupt, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { ScriptedChatModel } from "../fake/scripted-model.js";
import type { ProposedAction } from "./approval.js";

/** The action the innermost `review` node asks approval for. */
export const NESTED_INTERRUPT_ACTION: ProposedAction = { name: "publish", args: { channel: "blog" } };

/** Payload of the nested approval interrupt (what `input.requested` carries). */
export interface NestedApprovalRequest {
  type: "approval";
  action: ProposedAction;
  allowedDecisions: ["approve", "reject"];
  description: string;
}

/** The decisions the nested interrupt accepts. */
export type NestedDecision = "approve" | "reject";

/** The payload `review` interrupts with. */
export const NESTED_INTERRUPT_REQUEST: NestedApprovalRequest = {
  type: "approval",
  action: NESTED_INTERRUPT_ACTION,
  allowedDecisions: ["approve", "reject"],
  description: "Publish the draft?",
};

/**
 * The reply the innermost `announce` node streams for a decision.
 *
 * @example
 * ```ts
 * nestedDecisionReply("approve"); // "Decision: approve. The draft is published to the blog."
 * ```
 */
export function nestedDecisionReply(decision: NestedDecision): string {
  return decision === "approve"
    ? "Decision: approve. The draft is published to the blog."
    : "Decision: reject. The draft stays unpublished.";
}

function parseNestedDecision(value: unknown): NestedDecision {
  const decision = typeof value === "object" && value !== null ? (value as { decision?: unknown }).decision : undefined;
  if (decision === "approve" || decision === "reject") return decision;
  throw new Error(
    `Invalid response ${JSON.stringify(value)} to the publish approval: expected {decision:"approve"} or {decision:"reject"}`,
  );
}

const EditorState = Annotation.Root({
  ...MessagesAnnotation.spec,
  /** The reviewer's decision, set once the graph resumes. */
  decision: Annotation<NestedDecision | null>({ reducer: (_, next) => next, default: () => null }),
});

/**
 * Builds the `nested_interrupt` graph: root → `publishing` (subgraph: `prepare`, `editor`) →
 * `editor` (subgraph: `review` interrupts for approval, then `announce` streams the decision).
 *
 * Resume with `{decision:"approve"}` or `{decision:"reject"}`.
 *
 * @example
 * ```ts
 * const graph = createNestedInterruptGraph(); // first run ends interrupted two subgraphs deep
 * ```
 */
export function createNestedInterruptGraph() {
  const editor = new StateGraph(EditorState)
    .addNode("review", () => ({ decision: parseNestedDecision(interrupt(NESTED_INTERRUPT_REQUEST)) }))
    .addNode("announce", async (state) => {
      const text = nestedDecisionReply(state.decision ?? "reject");
      // A model per call: the reply depends on this run's decision, which the script cannot see.
      const model = new ScriptedChatModel({ modelName: "scripted-nested-interrupt", script: () => ({ text }) });
      return { messages: [await model.invoke(state.messages)] };
    })
    .addEdge(START, "review")
    .addEdge("review", "announce")
    .addEdge("announce", END)
    .compile();
  const publishing = new StateGraph(MessagesAnnotation)
    .addNode("prepare", () => ({ messages: [new AIMessage("Draft ready; asking the editor before publishing.")] }))
    .addNode("editor", editor)
    .addEdge(START, "prepare")
    .addEdge("prepare", "editor")
    .addEdge("editor", END)
    .compile();
  return new StateGraph(MessagesAnnotation)
    .addNode("publishing", publishing)
    .addEdge(START, "publishing")
    .addEdge("publishing", END)
    .compile();
}
