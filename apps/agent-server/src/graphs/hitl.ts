import { AIMessage, ToolMessage } from "@langchain/core/messages";
import { Annotation, END, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { ScriptedChatModel, type ScriptContext, type ScriptedTurn } from "../fake/scripted-model.js";
import { type ApprovalDecision, describeDecision, type ProposedAction, requestApproval } from "./approval.js";

/** The action the `hitl` model proposes. */
export const HITL_ACTION: ProposedAction = {
  name: "send_email",
  args: { to: "ada@example.com", subject: "Quarterly report" },
};

const HitlState = Annotation.Root({
  ...MessagesAnnotation.spec,
  /** The decision the reviewer took, recorded once the graph resumes. */
  decision: Annotation<ApprovalDecision | null>({ reducer: (_, next) => next, default: () => null }),
});

function hitlScript({ toolMessageCount, latestToolResults }: ScriptContext): ScriptedTurn {
  if (toolMessageCount === 0) {
    return {
      text: "I drafted the quarterly report email and need your approval before sending it.",
      toolCalls: [HITL_ACTION],
    };
  }
  const outcome = latestToolResults.map((message) => String(message.content)).join(" ");
  return { text: `Review finished. ${outcome} Anything else?` };
}

const lastToolCall = (messages: unknown[]) => {
  const last = messages.at(-1);
  return AIMessage.isInstance(last) ? last.tool_calls?.[0] : undefined;
};

/**
 * Builds the `hitl` graph: the model proposes `send_email`, `review` interrupts for approval,
 * and the model's final streamed answer states the decision (and edited args).
 *
 * Resume with `{decision:"approve"}`, `{decision:"edit", args}` or `{decision:"reject", reason}`.
 *
 * @example
 * ```ts
 * const graph = createHitlGraph(); // first run ends interrupted with one approval request
 * ```
 */
export function createHitlGraph() {
  const model = new ScriptedChatModel({ modelName: "scripted-hitl", script: hitlScript });
  return new StateGraph(HitlState)
    .addNode("agent", async (state) => ({ messages: [await model.invoke(state.messages)] }))
    .addNode("review", (state) => {
      const call = lastToolCall(state.messages);
      if (call === undefined) throw new Error("review node reached without a proposed tool call");
      const action: ProposedAction = { name: call.name, args: call.args };
      const decision = requestApproval(action);
      const result = new ToolMessage({
        content: describeDecision(action, decision),
        tool_call_id: call.id ?? "missing",
        name: call.name,
        status: decision.decision === "reject" ? "error" : "success",
      });
      return { decision, messages: [result] };
    })
    .addEdge(START, "agent")
    .addConditionalEdges("agent", (state) => (lastToolCall(state.messages) ? "review" : END), ["review", END])
    .addEdge("review", "agent")
    .compile();
}
