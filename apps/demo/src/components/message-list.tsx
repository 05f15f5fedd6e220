/**
 * The conversation: the user's messages, the agent's replies (markdown, streamed) and, inline
 * under each reply, the tool calls it made.
 */
import { useStreamContext, type Interrupt, type ToolCallSnapshot } from "@agent-stream/react";
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import { memo, useLayoutEffect, useMemo, useRef } from "react";
import { isApprovalRequest, type DemoState } from "../config";
import { Markdown } from "./markdown";
import { ToolCallCard, type ToolCallState } from "./tool-call-card";

/** Pixels from the bottom within which the list keeps following new tokens. */
const FOLLOW_THRESHOLD = 80;

function callState(snapshot: ToolCallSnapshot | undefined, awaitingApproval: boolean): ToolCallState {
  if (snapshot === undefined) return "requested";
  if (snapshot.status === "running" && awaitingApproval) return "awaiting-approval";
  return snapshot.status;
}

interface MessageViewProps {
  message: BaseMessage;
  toolCalls: ReadonlyMap<string, ToolCallSnapshot>;
  /** Name of the tool an approval request is pending for. */
  approvalFor?: string | undefined;
  streaming: boolean;
}

/**
 * One message: a human bubble, or an agent reply with its tool calls under it (tool results show
 * in their call's card, not as messages of their own).
 *
 * @example
 * <MessageView message={message} toolCalls={useToolCallIndex(stream.toolCalls)} streaming={false} />
 */
export const MessageView = memo(function MessageView({ message, toolCalls, approvalFor, streaming }: MessageViewProps) {
  const type = message.getType();
  if (type === "human") {
    return (
      <div className="message message--human" data-testid="message-human">
        <div className="message__bubble">{message.text}</div>
      </div>
    );
  }
  if (type !== "ai") return null;
  const requests = AIMessage.isInstance(message) ? (message.tool_calls ?? []) : [];
  const text = message.text;
  return (
    <div className="message message--ai" data-testid="message-ai" data-streaming={streaming || undefined}>
      <div className="message__avatar" aria-hidden>
        ✦
      </div>
      <div className="message__body">
        {(text.length > 0 || (streaming && requests.length === 0)) && (
          <Markdown text={text} className={streaming ? "markdown--streaming" : undefined} />
        )}
        {requests.map((request, index) => {
          const snapshot = request.id === undefined ? undefined : toolCalls.get(request.id);
          return (
            <ToolCallCard
              key={request.id ?? index}
              name={request.name}
              args={snapshot?.input ?? request.args}
              state={callState(snapshot, approvalFor === request.name)}
              output={snapshot?.output}
              error={snapshot?.error?.message}
            />
          );
        })}
      </div>
    </div>
  );
});

/**
 * Tool calls by id, for {@link MessageView}.
 *
 * @example
 * const toolCalls = useToolCallIndex(useToolCalls(stream, subagent));
 */
export function useToolCallIndex(toolCalls: readonly ToolCallSnapshot[]): ReadonlyMap<string, ToolCallSnapshot> {
  return useMemo(() => new Map(toolCalls.map((call) => [call.id, call])), [toolCalls]);
}

function approvalToolName(interrupt: Interrupt | undefined): string | undefined {
  return interrupt !== undefined && isApprovalRequest(interrupt.value) ? interrupt.value.action.name : undefined;
}

/**
 * The messages of the current thread; follows the end while the reply streams unless the reader
 * scrolled up.
 *
 * @example
 * <MessageList />
 */
export function MessageList({ children }: { children?: React.ReactNode }) {
  const stream = useStreamContext<DemoState>();
  const { messages, toolCalls, isLoading, interrupt } = stream;
  const toolCallsById = useToolCallIndex(toolCalls);
  const approvalFor = approvalToolName(interrupt);
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element !== null && following.current) element.scrollTop = element.scrollHeight;
  });

  const onScroll = (): void => {
    const element = scroller.current;
    if (element === null) return;
    following.current = element.scrollHeight - element.scrollTop - element.clientHeight < FOLLOW_THRESHOLD;
  };

  const last = messages.at(-1);
  return (
    <div className="messages" ref={scroller} onScroll={onScroll} data-testid="messages">
      <div className="messages__inner">
        {messages.map((message, index) => (
          <MessageView
            key={message.id ?? index}
            message={message}
            toolCalls={toolCallsById}
            approvalFor={approvalFor}
            streaming={isLoading && message === last}
          />
        ))}
        {isLoading && last?.getType() !== "ai" && (
          <div className="message message--ai message--thinking" aria-label="The agent is thinking">
            <div className="message__avatar" aria-hidden>
              ✦
            </div>
            <div className="typing" aria-hidden>
              <span />
              <span />
              <span />
            </div>
          </div>
        )}
        {children}
      </div>
    </div>
  );
}
