/**
 * The threads this browser started; the open one is highlighted.
 */
import type { ThreadList } from "../use-thread-list";
import { relativeTime } from "./format";

/**
 * A "New thread" button and one entry per thread.
 *
 * @example
 * <ThreadListPanel list={useThreadList()} onNavigate={closeDrawer} />
 */
export function ThreadListPanel({ list, busyId, onNavigate }: { list: ThreadList; busyId?: string | null; onNavigate?: () => void }) {
  const open = (threadId: string | null): void => {
    list.select(threadId);
    onNavigate?.();
  };
  return (
    <nav className="panel threads" aria-label="Threads" data-testid="thread-list">
      <button className="button button--primary threads__new" onClick={() => open(null)} data-testid="new-thread">
        + New thread
      </button>
      {list.threads.length === 0 ? (
        <p className="panel__empty">Your conversations will be listed here.</p>
      ) : (
        <ul className="threads__list">
          {list.threads.map((thread) => (
            <li key={thread.id}>
              <button
                className={thread.id === list.currentId ? "threads__item threads__item--current" : "threads__item"}
                aria-current={thread.id === list.currentId ? "page" : undefined}
                onClick={() => open(thread.id)}
                title={thread.id}
                data-testid="thread-item"
              >
                <span className="threads__title">{thread.title}</span>
                <span className="threads__meta">
                  {thread.id === busyId && <span className="spinner" aria-label="running" />}
                  {relativeTime(thread.createdAt)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
