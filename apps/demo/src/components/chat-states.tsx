/**
 * What the chat shows instead of (or above) the conversation: the empty thread, the loading
 * thread, and errors.
 */
import { useStreamContext } from "@agent-stream/react";
import { AGENT_SERVER_URL, type DemoState } from "../config";
import { errorMessage } from "./format";

const SUGGESTIONS = [
  "Plan a weekend in Paris",
  "Should we move the team offsite?",
  "Write the weekly update for the team",
];

/**
 * A new or empty thread: what the agent does and a few messages to start with.
 *
 * @example
 * <EmptyState restoredEmpty={false} onPick={(text) => setDraft(text)} />
 */
export function EmptyState({ restoredEmpty, onPick }: { restoredEmpty: boolean; onPick: (text: string) => void }) {
  return (
    <div className="empty" data-testid="empty-state">
      <div className="empty__logo" aria-hidden>
        ✦
      </div>
      <h1 className="empty__title">{restoredEmpty ? "This thread is empty" : "What can the agent do for you?"}</h1>
      <p className="empty__text">
        {restoredEmpty
          ? "The server has nothing stored for it: the demo agent server keeps threads in memory, so a restart forgets them. Send a message to start over."
          : "The demo agent streams its reply, checks the weather, asks you before it sends an email, and delegates research to a subagent. Everything runs offline."}
      </p>
      <div className="empty__suggestions">
        {SUGGESTIONS.map((suggestion) => (
          <button key={suggestion} className="chip chip--suggestion" onClick={() => onPick(suggestion)}>
            {suggestion}
          </button>
        ))}
      </div>
    </div>
  );
}

/**
 * Placeholder rows while a thread's stored state loads.
 *
 * @example
 * {stream.isThreadLoading && <LoadingThread />}
 */
export function LoadingThread() {
  return (
    <div className="loading" data-testid="thread-loading" aria-busy="true" aria-label="Loading the thread">
      <div className="skeleton skeleton--right" />
      <div className="skeleton" />
      <div className="skeleton skeleton--short" />
    </div>
  );
}

function describe(error: unknown): { title: string; detail: string } {
  const message = errorMessage(error);
  if (/failed to fetch|networkerror|load failed|econnrefused/i.test(message)) {
    return {
      title: "Cannot reach the agent server",
      detail: `Nothing answers at ${AGENT_SERVER_URL}. Is \`pnpm demo\` still running?`,
    };
  }
  return { title: "Something went wrong", detail: message };
}

/**
 * The last run or load error, if any; it clears with the next message.
 *
 * @example
 * <ErrorBanner />
 */
export function ErrorBanner() {
  const { error } = useStreamContext<DemoState>();
  if (error === undefined || error === null) return null;
  const { title, detail } = describe(error);
  return (
    <div className="banner banner--error" role="alert" data-testid="error-banner">
      <strong>{title}.</strong> {detail}
    </div>
  );
}
