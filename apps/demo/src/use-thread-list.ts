/**
 * The threads this browser started, kept in localStorage, and the current one, kept in the URL
 * (`?thread=<id>`) so a reload lands back in it. Each thread's state lives on the agent server;
 * switching to a thread makes `useStream` load it from there.
 */
import { useCallback, useEffect, useState } from "react";

/** One thread of the list. */
export interface ThreadEntry {
  readonly id: string;
  /** The first message, once known. */
  readonly title: string;
  readonly createdAt: number;
}

/** What {@link useThreadList} returns. */
export interface ThreadList {
  readonly threads: readonly ThreadEntry[];
  /** The open thread; `null` before the first message of a new thread. */
  readonly currentId: string | null;
  /** Opens a thread (`null`: a new one). */
  select(threadId: string | null): void;
  /** Records a thread the first submit just created and makes it current. */
  adopt(threadId: string): void;
  /** Gives a thread its title (the first message), unless it has one. */
  name(threadId: string, title: string): void;
}

export const UNTITLED = "New conversation";
const THREADS_KEY = "agent-stream-demo:threads";
const CURRENT_KEY = "agent-stream-demo:current";
const THREAD_PARAM = "thread";

function readThreads(): ThreadEntry[] {
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(THREADS_KEY) ?? "[]");
    return Array.isArray(stored) ? stored.filter((entry): entry is ThreadEntry => typeof entry?.id === "string") : [];
  } catch {
    // A corrupt entry (edited by hand, another app on this origin): start a fresh list.
    return [];
  }
}

function writeThreads(threads: readonly ThreadEntry[]): void {
  window.localStorage.setItem(THREADS_KEY, JSON.stringify(threads));
}

/** The thread in the URL, else the one open when this browser last left the page. */
function initialThreadId(): string | null {
  return new URLSearchParams(window.location.search).get(THREAD_PARAM) ?? window.localStorage.getItem(CURRENT_KEY);
}

function showInUrl(threadId: string | null, mode: "push" | "replace"): void {
  const url = new URL(window.location.href);
  if (threadId === null) url.searchParams.delete(THREAD_PARAM);
  else url.searchParams.set(THREAD_PARAM, threadId);
  if (url.href === window.location.href) return;
  if (mode === "push") window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}

function remember(threadId: string | null): void {
  if (threadId === null) window.localStorage.removeItem(CURRENT_KEY);
  else window.localStorage.setItem(CURRENT_KEY, threadId);
}

/**
 * The thread list and the current thread, synchronised with localStorage and the URL (back and
 * forward buttons switch threads too).
 *
 * @example
 * const list = useThreadList();
 * <StreamProvider threadId={list.currentId} onThreadId={list.adopt} ... />
 */
export function useThreadList(): ThreadList {
  const [threads, setThreads] = useState<readonly ThreadEntry[]>(readThreads);
  const [currentId, setCurrentId] = useState<string | null>(initialThreadId);

  useEffect(() => {
    showInUrl(currentId, "replace");
    remember(currentId);
  }, [currentId]);

  useEffect(() => {
    const onPopState = (): void => setCurrentId(new URLSearchParams(window.location.search).get(THREAD_PARAM));
    window.addEventListener("popstate", onPopState);
    return () => window.removeEventListener("popstate", onPopState);
  }, []);

  const update = useCallback((change: (threads: readonly ThreadEntry[]) => readonly ThreadEntry[]) => {
    setThreads((previous) => {
      const next = change(previous);
      if (next !== previous) writeThreads(next);
      return next;
    });
  }, []);

  const select = useCallback((threadId: string | null) => {
    showInUrl(threadId, "push");
    setCurrentId(threadId);
  }, []);

  const adopt = useCallback(
    (threadId: string) => {
      update((previous) =>
        previous.some((entry) => entry.id === threadId) ? previous : [{ id: threadId, title: UNTITLED, createdAt: Date.now() }, ...previous],
      );
      showInUrl(threadId, "push");
      setCurrentId(threadId);
    },
    [update],
  );

  const name = useCallback(
    (threadId: string, title: string) => {
      update((previous) => {
        const index = previous.findIndex((entry) => entry.id === threadId);
        const entry = previous[index];
        if (entry !== undefined && entry.title !== UNTITLED) return previous;
        const named: ThreadEntry = { id: threadId, title, createdAt: entry?.createdAt ?? Date.now() };
        return entry === undefined ? [named, ...previous] : previous.map((item, position) => (position === index ? named : item));
      });
    },
    [update],
  );

  return { threads, currentId, select, adopt, name };
}
