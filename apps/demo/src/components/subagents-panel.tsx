/**
 * Subagents the agent delegated to (through its `task` tool): one card each, with its status, its
 * task, its own streaming messages and tool calls, and its answer.
 */
import type { SubagentSnapshot as Subagent } from "@agent-stream/core";
import { useMessages, useStreamContext, useToolCalls } from "@agent-stream/react";
import { memo } from "react";
import type { DemoState } from "../config";
import { formatValue } from "./format";
import { Markdown } from "./markdown";
import { MessageView, useToolCallIndex } from "./message-list";

const STATUS_LABELS: Record<Subagent["status"], string> = { running: "running", complete: "done", error: "failed" };

function elapsed(subagent: Subagent): string | undefined {
  if (subagent.completedAt === null) return undefined;
  const seconds = (subagent.completedAt.getTime() - subagent.startedAt.getTime()) / 1000;
  return `${seconds.toFixed(1)} s`;
}

const SubagentCard = memo(function SubagentCard({ subagent }: { subagent: Subagent }) {
  const stream = useStreamContext<DemoState>();
  const messages = useMessages(stream, subagent);
  const toolCalls = useToolCallIndex(useToolCalls(stream, subagent));
  const replies = messages.filter((message) => message.getType() === "ai");
  const last = replies.at(-1);
  const duration = elapsed(subagent);
  return (
    <article className={`subagent subagent--${subagent.status}`} data-testid="subagent" data-status={subagent.status}>
      <header className="subagent__head">
        <span className="subagent__name">{subagent.name}</span>
        <span className={`pill pill--${subagent.status}`}>
          {subagent.status === "running" && <span className="spinner" aria-hidden />}
          {STATUS_LABELS[subagent.status]}
        </span>
        {duration !== undefined && <span className="subagent__time">{duration}</span>}
      </header>
      {subagent.taskInput !== undefined && <p className="subagent__task">{subagent.taskInput}</p>}
      <div className="subagent__stream">
        {replies.map((message, index) => (
          <MessageView
            key={message.id ?? index}
            message={message}
            toolCalls={toolCalls}
            streaming={subagent.status === "running" && message === last}
          />
        ))}
        {replies.length === 0 && subagent.status === "running" && (
          <p className="muted">Starting…</p>
        )}
      </div>
      {subagent.status === "complete" && subagent.output !== undefined && replies.length === 0 && (
        <div className="subagent__output">
          <span className="tool-call__label">answer</span>
          <Markdown text={formatValue(subagent.output)} />
        </div>
      )}
      {subagent.status === "error" && <p className="subagent__error">{subagent.error ?? "The subagent failed."}</p>}
    </article>
  );
});

/**
 * Every subagent of the current thread, newest last.
 *
 * @example
 * <SubagentsPanel />
 */
export function SubagentsPanel() {
  const { subagents } = useStreamContext<DemoState>();
  const list = [...subagents.values()];
  return (
    <section className="panel subagents" aria-label="Subagents" data-testid="subagents-panel">
      <h2 className="panel__title">
        Subagents <span className="count">{list.length}</span>
      </h2>
      {list.length === 0 ? (
        <p className="panel__empty">When the agent delegates work through its task tool, each subagent shows up here with its own stream.</p>
      ) : (
        list.map((subagent) => <SubagentCard key={subagent.id} subagent={subagent} />)
      )}
    </section>
  );
}
