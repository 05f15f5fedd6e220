/**
 * One tool call, inline in the conversation: name, arguments, state and result.
 */
import type { ToolCallSnapshot } from "@agent-stream/react";
import { memo } from "react";
import { formatValue } from "./format";

/** What the card shows for a call: its execution state, or that the model only requested it so far. */
export type ToolCallState = ToolCallSnapshot["status"] | "requested" | "awaiting-approval";

const STATE_LABELS: Record<ToolCallState, string> = {
  requested: "requested",
  running: "running",
  "awaiting-approval": "awaiting approval",
  finished: "finished",
  error: "error",
};

interface ToolCallCardProps {
  name: string;
  args: unknown;
  state: ToolCallState;
  output?: unknown;
  error?: string | undefined;
}

/**
 * A tool call with its arguments and, once it ran, its result or error.
 *
 * @example
 * <ToolCallCard name="get_weather" args={{ city: "Paris" }} state="finished" output="sunny" />
 */
export const ToolCallCard = memo(function ToolCallCard({ name, args, state, output, error }: ToolCallCardProps) {
  const hasArgs = args !== undefined && !(typeof args === "object" && args !== null && Object.keys(args).length === 0);
  return (
    <div className={`tool-call tool-call--${state}`} data-testid="tool-call" data-tool={name} data-state={state}>
      <div className="tool-call__head">
        <span className="tool-call__icon" aria-hidden>
          ⚙
        </span>
        <code className="tool-call__name">{name}</code>
        <span className={`pill pill--${state}`}>
          {(state === "running" || state === "requested") && <span className="spinner" aria-hidden />}
          {STATE_LABELS[state]}
        </span>
      </div>
      {hasArgs && <pre className="tool-call__args">{formatValue(args)}</pre>}
      {state === "finished" && output !== undefined && (
        <div className="tool-call__result">
          <span className="tool-call__label">result</span>
          <pre>{formatValue(output)}</pre>
        </div>
      )}
      {state === "error" && (
        <div className="tool-call__result tool-call__result--error">
          <span className="tool-call__label">error</span>
          <pre>{error ?? formatValue(output)}</pre>
        </div>
      )}
    </div>
  );
});
