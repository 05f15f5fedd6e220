/**
 * Module-level render counters of the render scenario's page, and a probe of what the chat last
 * committed (so the page waits on what is on screen, not on the store).
 */
import { textOf } from "../message-text";
import type { RenderTallySnapshot } from "./render-protocol";

/** The fields of a message the rows read. */
export interface ChatMessage {
  readonly id?: string | undefined;
  readonly content: unknown;
}

/** What the chat showed at its latest commit. */
export interface CommittedView {
  readonly messageCount: number;
  readonly lastText: string;
  readonly isLoading: boolean;
}

class RenderTally {
  counting = false;
  /** Id of the message being streamed; every other row is a finished row. */
  streamingId: string | undefined;
  list = 0;
  streamingRow = 0;
  streamingRowChild = 0;
  streamingRowSameText = 0;
  /** The streaming row's text at its previous render. */
  streamingText: string | undefined;
  finishedRows = 0;
  finishedRowChildren = 0;
  finishedIdentityChanges = 0;
  messagesArrayChanges = 0;
  readonly finishedRowIds = new Set<string>();
  readonly changedFinishedIds = new Set<string>();

  reset(streamingId: string | undefined): void {
    this.streamingId = streamingId;
    this.list = 0;
    this.streamingRow = 0;
    this.streamingRowChild = 0;
    this.streamingRowSameText = 0;
    this.streamingText = undefined;
    this.finishedRows = 0;
    this.finishedRowChildren = 0;
    this.finishedIdentityChanges = 0;
    this.messagesArrayChanges = 0;
    this.finishedRowIds.clear();
    this.changedFinishedIds.clear();
  }

  snapshot(): RenderTallySnapshot {
    return {
      list: this.list,
      streamingRow: this.streamingRow,
      streamingRowChild: this.streamingRowChild,
      streamingRowSameText: this.streamingRowSameText,
      finishedRows: this.finishedRows,
      finishedRowChildren: this.finishedRowChildren,
      distinctFinishedRows: this.finishedRowIds.size,
      finishedIdentityChanges: this.finishedIdentityChanges,
      distinctFinishedIdentityChanges: this.changedFinishedIds.size,
      messagesArrayChanges: this.messagesArrayChanges,
    };
  }
}

/** The page's one tally (one chat is mounted at a time). */
export const tally = new RenderTally();

/** Counts one render of the list component. */
export function countListRender(): void {
  if (tally.counting) tally.list += 1;
}

/** Counts one render of a row (`part: "row"`, showing `text`) or of its child (`"child"`). */
export function countRowRender(messageId: string | undefined, part: "row" | "child", text?: string): void {
  if (!tally.counting) return;
  if (messageId !== undefined && messageId === tally.streamingId) {
    if (part === "child") {
      tally.streamingRowChild += 1;
      return;
    }
    tally.streamingRow += 1;
    if (text === tally.streamingText) tally.streamingRowSameText += 1;
    tally.streamingText = text;
    return;
  }
  if (part === "row") {
    tally.finishedRows += 1;
    tally.finishedRowIds.add(messageId ?? "(no id)");
  } else {
    tally.finishedRowChildren += 1;
  }
}

type Waiter = { readonly predicate: (view: CommittedView) => boolean; readonly resolve: () => void };

let committedView: CommittedView = { messageCount: 0, lastText: "", isLoading: false };
let previousMessages: readonly ChatMessage[] = [];
const previousById = new Map<string, ChatMessage>();
let waiters: Waiter[] = [];

/** The view of the latest commit. */
export function latestCommit(): CommittedView {
  return committedView;
}

/** Records what the chat committed (call from a layout effect); tracks message identity changes. */
export function recordCommit(messages: readonly ChatMessage[], isLoading: boolean): void {
  if (tally.counting && messages !== previousMessages) tally.messagesArrayChanges += 1;
  for (const message of messages) {
    if (message.id === undefined) continue;
    const before = previousById.get(message.id);
    if (tally.counting && before !== undefined && before !== message && message.id !== tally.streamingId) {
      tally.finishedIdentityChanges += 1;
      tally.changedFinishedIds.add(message.id);
    }
    previousById.set(message.id, message);
  }
  previousMessages = messages;
  committedView = { messageCount: messages.length, lastText: textOf(messages[messages.length - 1]), isLoading };
  const ready = waiters.filter((waiter) => waiter.predicate(committedView));
  if (ready.length === 0) return;
  waiters = waiters.filter((waiter) => !ready.includes(waiter));
  for (const waiter of ready) waiter.resolve();
}

/** Forgets the previous chat's commits. */
export function resetCommits(): void {
  committedView = { messageCount: 0, lastText: "", isLoading: false };
  previousMessages = [];
  previousById.clear();
  waiters = [];
}

/**
 * Resolves once a commit satisfies `predicate` (or the latest one already does).
 *
 * @example
 * await waitForCommit((view) => view.messageCount === 201, 10_000, "the held messages");
 */
export function waitForCommit(predicate: (view: CommittedView) => boolean, timeoutMs: number, what: string): Promise<void> {
  if (predicate(committedView)) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      waiters = waiters.filter((waiter) => waiter !== entry);
      const view = committedView;
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (on screen: ${view.messageCount} messages, isLoading ${view.isLoading}).`));
    }, timeoutMs);
    const entry: Waiter = {
      predicate,
      resolve: () => {
        clearTimeout(timer);
        resolve();
      },
    };
    waiters.push(entry);
  });
}
