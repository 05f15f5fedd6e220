/**
 * The approval request of the `demo` agent (an interrupt before `send_email`): approve, edit the
 * arguments, or reject with a reason. Answering resumes the run.
 */
import { useStreamContext, type Interrupt } from "@agent-stream/react";
import { useEffect, useRef, useState } from "react";
import { isApprovalRequest, type ApprovalDecision, type ApprovalRequest, type DemoState } from "../config";
import { errorMessage, formatValue } from "./format";

type Mode = "review" | "edit" | "reject";

function parseArgs(text: string): Record<string, unknown> | string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    return "The arguments must be a JSON object.";
  } catch (error) {
    return `Not valid JSON: ${errorMessage(error)}`;
  }
}

function ApprovalForm({ interrupt, request }: { interrupt: Interrupt; request: ApprovalRequest }) {
  const stream = useStreamContext<DemoState>();
  const [mode, setMode] = useState<Mode>("review");
  const [argsText, setArgsText] = useState(() => JSON.stringify(request.action.args, null, 2));
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const allowed = new Set(request.allowedDecisions);
  const card = useRef<HTMLElement>(null);
  // The editor and the reason field make the card taller: keep its buttons in view.
  useEffect(() => {
    card.current?.scrollIntoView({ block: "nearest" });
  }, [mode, problem]);

  const answer = (decision: ApprovalDecision): void => {
    setSending(true);
    setProblem(undefined);
    stream.respond(decision, { interruptId: interrupt.id }).catch((error: unknown) => {
      setProblem(errorMessage(error));
      setSending(false);
    });
  };

  const sendEdited = (): void => {
    const args = parseArgs(argsText);
    if (typeof args === "string") setProblem(args);
    else answer({ decision: "edit", args });
  };

  return (
    <section className="approval" data-testid="approval-card" aria-label="Approval needed" ref={card}>
      <header className="approval__head">
        <span className="approval__badge">Approval needed</span>
        <span className="approval__description">{request.description}</span>
      </header>
      <div className="approval__action">
        <code>{request.action.name}</code>
        {mode === "edit" ? (
          <textarea
            className="approval__editor"
            aria-label="Arguments (JSON)"
            value={argsText}
            spellCheck={false}
            rows={Math.min(12, argsText.split("\n").length + 1)}
            onChange={(event) => setArgsText(event.target.value)}
          />
        ) : (
          <dl className="approval__args">
            {Object.entries(request.action.args).map(([key, value]) => (
              <div key={key}>
                <dt>{key}</dt>
                <dd>{formatValue(value)}</dd>
              </div>
            ))}
          </dl>
        )}
      </div>
      {mode === "reject" && (
        <input
          className="approval__reason"
          aria-label="Reason for rejecting"
          placeholder="Why not? (optional)"
          value={reason}
          autoFocus
          onChange={(event) => setReason(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") answer({ decision: "reject", reason: reason || undefined });
          }}
        />
      )}
      {problem !== undefined && (
        <p className="approval__problem" role="alert">
          {problem}
        </p>
      )}
      <div className="approval__buttons">
        {mode === "review" && (
          <>
            {allowed.has("approve") && (
              <button className="button button--primary" disabled={sending} onClick={() => answer({ decision: "approve" })}>
                Approve
              </button>
            )}
            {allowed.has("edit") && (
              <button className="button" disabled={sending} onClick={() => setMode("edit")}>
                Edit
              </button>
            )}
            {allowed.has("reject") && (
              <button className="button button--danger" disabled={sending} onClick={() => setMode("reject")}>
                Reject
              </button>
            )}
          </>
        )}
        {mode === "edit" && (
          <button className="button button--primary" disabled={sending} onClick={sendEdited}>
            Send edited
          </button>
        )}
        {mode === "reject" && (
          <button
            className="button button--danger"
            disabled={sending}
            onClick={() => answer({ decision: "reject", reason: reason || undefined })}
          >
            Reject
          </button>
        )}
        {mode !== "review" && (
          <button className="button button--ghost" disabled={sending} onClick={() => (setMode("review"), setProblem(undefined))}>
            Cancel
          </button>
        )}
      </div>
    </section>
  );
}

/** Any other interrupt: its payload, answered with JSON typed by hand. */
function GenericInterrupt({ interrupt }: { interrupt: Interrupt }) {
  const stream = useStreamContext<DemoState>();
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | undefined>();
  const resume = (): void => {
    let value: unknown = text;
    try {
      value = JSON.parse(text);
    } catch {
      // Not JSON: resume with the text as a string.
    }
    stream.respond(value, { interruptId: interrupt.id }).catch((error: unknown) => setProblem(errorMessage(error)));
  };
  return (
    <section className="approval" data-testid="interrupt-card" aria-label="The agent is waiting for input">
      <header className="approval__head">
        <span className="approval__badge">Input needed</span>
      </header>
      <pre className="approval__payload">{formatValue(interrupt.value)}</pre>
      <input className="approval__reason" placeholder="Answer (JSON or text)" value={text} onChange={(event) => setText(event.target.value)} />
      {problem !== undefined && <p className="approval__problem">{problem}</p>}
      <div className="approval__buttons">
        <button className="button button--primary" onClick={resume}>
          Resume
        </button>
      </div>
    </section>
  );
}

/**
 * The card for the oldest pending interrupt, or nothing.
 *
 * @example
 * <ApprovalCard />
 */
export function ApprovalCard() {
  const { interrupt } = useStreamContext<DemoState>();
  if (interrupt === undefined) return null;
  // Keyed by id: a second request starts with a fresh form.
  return isApprovalRequest(interrupt.value) ? (
    <ApprovalForm key={interrupt.id} interrupt={interrupt} request={interrupt.value} />
  ) : (
    <GenericInterrupt key={interrupt.id} interrupt={interrupt} />
  );
}
