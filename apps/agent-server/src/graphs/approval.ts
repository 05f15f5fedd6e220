import { interrupt } from "@langchain/langgraph";

/** An action waiting for a human decision. */
export interface ProposedAction {
  name: string;
  args: Record<string, unknown>;
}

/** Payload of the approval interrupt (what `input.requested` carries). */
export interface ApprovalRequest {
  type: "approval";
  action: ProposedAction;
  allowedDecisions: ["approve", "edit", "reject"];
  description: string;
}

/** A resume value answering an {@link ApprovalRequest}. */
export type ApprovalDecision =
  | { decision: "approve" }
  | { decision: "edit"; args: Record<string, unknown> }
  | { decision: "reject"; reason?: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Validates a resume value; throws a clear error naming the accepted shapes.
 *
 * @example
 * ```ts
 * parseApprovalDecision({ decision: "reject", reason: "not now" });
 * ```
 */
export function parseApprovalDecision(value: unknown): ApprovalDecision {
  const decision = isRecord(value) ? value.decision : undefined;
  if (decision === "approve") return { decision };
  if (decision === "edit" && isRecord(value) && isRecord(value.args)) return { decision, args: value.args };
  if (decision === "reject" && isRecord(value)) {
    return typeof value.reason === "string" ? { decision, reason: value.reason } : { decision };
  }
  throw new Error(
    `Invalid approval response ${JSON.stringify(value)}: expected {decision:"approve"}, ` +
      `{decision:"edit", args:{...}} or {decision:"reject", reason?}`,
  );
}

/**
 * Pauses the graph with an approval interrupt and returns the validated decision once resumed.
 *
 * @example
 * ```ts
 * const decision = requestApproval({ name: "send_email", args: { to: "ada@example.com" } });
 * ```
 */
export function requestApproval(action: ProposedAction): ApprovalDecision {
  const request: ApprovalRequest = {
    type: "approval",
    action,
    allowedDecisions: ["approve", "edit", "reject"],
    description: `Approve the call to ${action.name}?`,
  };
  return parseApprovalDecision(interrupt(request));
}

/** The arguments an action runs with after the decision (edited ones replace the proposal). */
export const effectiveArgs = (action: ProposedAction, decision: ApprovalDecision): Record<string, unknown> =>
  decision.decision === "edit" ? decision.args : action.args;

/**
 * One sentence saying which decision was taken and with which arguments.
 *
 * @example
 * ```ts
 * describeDecision(action, { decision: "approve" }); // 'Decision: approve. Ran send_email with {"to":...}.'
 * ```
 */
export function describeDecision(action: ProposedAction, decision: ApprovalDecision): string {
  if (decision.decision === "reject") {
    return `Decision: reject. Did not run ${action.name}; reason: ${decision.reason ?? "none given"}.`;
  }
  const args = JSON.stringify(effectiveArgs(action, decision));
  return decision.decision === "edit"
    ? `Decision: edit. Ran ${action.name} with edited args ${args}.`
    : `Decision: approve. Ran ${action.name} with ${args}.`;
}
