/**
 * The demo page: threads on the left, the chat in the middle, subagents on the right, and the
 * event inspector in a drawer. Everything reads one `StreamProvider`.
 */
import { StreamProvider, useStreamContext } from "@agent-stream/react";
import { useEffect, useState } from "react";
import { ApprovalCard } from "./components/approval-card";
import { EmptyState, ErrorBanner, LoadingThread } from "./components/chat-states";
import { Composer } from "./components/composer";
import { EventInspector } from "./components/event-inspector";
import { MessageList } from "./components/message-list";
import { SubagentsPanel } from "./components/subagents-panel";
import { ThreadListPanel } from "./components/thread-list";
import { AGENT_SERVER_URL, ASSISTANT_ID, type DemoState } from "./config";
import { useThreadList, type ThreadList } from "./use-thread-list";

type Drawer = "threads" | "subagents" | null;

const TITLE_LENGTH = 60;

function RunStatus() {
  const stream = useStreamContext<DemoState>();
  const [label, tone] = stream.isThreadLoading
    ? ["Loading thread", "busy"]
    : stream.isLoading
      ? ["Streaming", "busy"]
      : stream.interrupt !== undefined
        ? ["Waiting for you", "waiting"]
        : stream.error !== undefined && stream.error !== null
          ? ["Error", "error"]
          : ["Ready", "idle"];
  return (
    <span className={`status status--${tone}`} data-testid="run-status" role="status">
      <span className="status__dot" aria-hidden />
      {label}
    </span>
  );
}

/** Names the thread after its first message once the conversation has one. */
function useThreadTitle(list: ThreadList): void {
  const stream = useStreamContext<DemoState>();
  const first = stream.isThreadLoading ? undefined : stream.messages.find((message) => message.getType() === "human");
  const title = first?.text.slice(0, TITLE_LENGTH);
  const { threadId } = stream;
  const { name } = list;
  useEffect(() => {
    if (threadId !== null && title !== undefined && title.length > 0) name(threadId, title);
  }, [threadId, title, name]);
}

function Shell({ list }: { list: ThreadList }) {
  const stream = useStreamContext<DemoState>();
  const [drawer, setDrawer] = useState<Drawer>(null);
  const [inspectorOpen, setInspectorOpen] = useState(false);
  const [draft, setDraft] = useState<{ text: string; nonce: number }>();
  useThreadTitle(list);

  const subagents = [...stream.subagents.values()];
  const runningSubagents = subagents.some((subagent) => subagent.status === "running");
  const isEmpty = stream.messages.length === 0 && !stream.isLoading;
  const hasError = stream.error !== undefined && stream.error !== null;
  const toggle = (next: Exclude<Drawer, null>): void => setDrawer(drawer === next ? null : next);

  return (
    <div className="app" data-drawer={drawer ?? undefined} data-inspector={inspectorOpen || undefined}>
      <header className="topbar">
        <button className="icon-button topbar__menu" onClick={() => toggle("threads")} aria-label="Threads">
          ☰
        </button>
        <span className="topbar__brand">
          <span className="topbar__logo" aria-hidden>
            ✦
          </span>
          <span className="topbar__name">
            agent-stream <span className="muted">demo</span>
          </span>
        </span>
        <RunStatus />
        <span className="topbar__spacer" />
        <button className="button button--ghost topbar__subagents" onClick={() => toggle("subagents")} data-testid="open-subagents">
          {runningSubagents && <span className="spinner" aria-hidden />}
          Subagents <span className="count">{subagents.length}</span>
        </button>
        <button
          className={inspectorOpen ? "button button--ghost button--on" : "button button--ghost"}
          onClick={() => setInspectorOpen(!inspectorOpen)}
          aria-pressed={inspectorOpen}
          data-testid="open-inspector"
        >
          Events
        </button>
      </header>

      <div className="sidebar sidebar--threads">
        <ThreadListPanel list={list} busyId={stream.isLoading ? stream.threadId : null} onNavigate={() => setDrawer(null)} />
      </div>

      <main className="chat">
        <ErrorBanner />
        {stream.isThreadLoading ? (
          <LoadingThread />
        ) : isEmpty && stream.interrupt === undefined ? (
          <EmptyState restoredEmpty={list.currentId !== null && !hasError} onPick={(text) => setDraft({ text, nonce: Date.now() })} />
        ) : (
          <MessageList>
            <ApprovalCard />
          </MessageList>
        )}
        <Composer draft={draft} />
        <p className="chat__footnote muted">
          Offline demo agent at <code>{AGENT_SERVER_URL}</code> · Enter sends, Shift+Enter for a new line
        </p>
      </main>

      <div className="sidebar sidebar--subagents">
        <SubagentsPanel />
      </div>

      <button className="backdrop" aria-label="Close" tabIndex={-1} onClick={() => setDrawer(null)} />
      {inspectorOpen && <EventInspector onClose={() => setInspectorOpen(false)} />}
    </div>
  );
}

/**
 * The whole page.
 *
 * @example
 * createRoot(element).render(<App />);
 */
export function App() {
  const list = useThreadList();
  return (
    <StreamProvider<DemoState> assistantId={ASSISTANT_ID} apiUrl={AGENT_SERVER_URL} threadId={list.currentId} onThreadId={list.adopt}>
      <Shell list={list} />
    </StreamProvider>
  );
}
