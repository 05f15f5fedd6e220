/**
 * The message box: Enter sends, Shift+Enter starts a new line; a stop button while a run streams.
 */
import { useStreamContext } from "@agent-stream/react";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { DemoState } from "../config";

const MAX_ROWS = 8;

/**
 * Sends the typed message as the next human turn.
 *
 * @example
 * <Composer />
 */
export function Composer({ draft }: { draft?: { text: string; nonce: number } }) {
  const stream = useStreamContext<DemoState>();
  const [text, setText] = useState("");
  const input = useRef<HTMLTextAreaElement>(null);
  const waitingForApproval = stream.interrupt !== undefined;
  const canSend = text.trim().length > 0 && !stream.isLoading && !waitingForApproval && !stream.isThreadLoading;

  useEffect(() => {
    if (draft === undefined) return;
    setText(draft.text);
    input.current?.focus();
  }, [draft]);

  const send = (): void => {
    if (!canSend) return;
    const message = text.trim();
    setText("");
    // Errors land in `stream.error` (shown in the banner); nothing to handle here.
    void stream.submit({ messages: message });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    send();
  };

  const rows = Math.min(MAX_ROWS, Math.max(1, text.split("\n").length));
  const placeholder = waitingForApproval ? "Answer the approval request first" : "Message the agent…";
  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <textarea
        ref={input}
        className="composer__input"
        aria-label="Message"
        placeholder={placeholder}
        rows={rows}
        value={text}
        autoFocus
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {stream.isLoading ? (
        <button type="button" className="button button--stop" onClick={() => void stream.stop()} aria-label="Stop the run">
          <span className="stop-icon" aria-hidden /> Stop
        </button>
      ) : (
        <button type="submit" className="button button--primary composer__send" disabled={!canSend} aria-label="Send">
          Send
        </button>
      )}
    </form>
  );
}
