/**
 * Where each message of a stored thread first appeared, read from the thread's checkpoint history.
 */
import type { ThreadState } from "../client/client";

/** Reads one page of a thread's history, newest first (`client.threads.getHistory`). */
export type HistoryReader = (
  threadId: string,
  options: { limit: number; before?: string },
) => Promise<readonly ThreadState[]>;

/** Limits of {@link findFirstSeenParents}. */
export interface HistoryWalkOptions {
  /** Checkpoints per history request (default 50). */
  readonly pageSize?: number;
  /** Give up after this many checkpoints of the lineage (default 500); unresolved ids are left out. */
  readonly maxCheckpoints?: number;
  /** Stop early (thread switched, controller disposed). */
  readonly signal?: AbortSignal;
}

function messageIdsOf(state: ThreadState, messagesKey: string): Set<string> {
  const ids = new Set<string>();
  const list = (state.values as Record<string, unknown> | null | undefined)?.[messagesKey];
  if (!Array.isArray(list)) return ids;
  for (const entry of list) {
    const record = entry as { id?: unknown; kwargs?: { id?: unknown } } | null;
    const id = record?.id ?? record?.kwargs?.id;
    if (typeof id === "string") ids.add(id);
  }
  return ids;
}

function checkpointIdOf(state: ThreadState): string | undefined {
  return state.checkpoint?.checkpoint_id;
}

/** Pages through history on demand and finds checkpoints by id. */
class HistoryPages {
  readonly #byId = new Map<string, ThreadState>();
  #oldest: string | undefined;
  #exhausted = false;

  constructor(
    private readonly read: HistoryReader,
    private readonly threadId: string,
    private readonly pageSize: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  async find(checkpointId: string): Promise<ThreadState | undefined> {
    while (!this.#byId.has(checkpointId) && !this.#exhausted && this.signal?.aborted !== true) {
      const page = await this.read(this.threadId, {
        limit: this.pageSize,
        ...(this.#oldest !== undefined ? { before: this.#oldest } : {}),
      });
      for (const state of page) {
        const id = checkpointIdOf(state);
        if (id !== undefined) this.#byId.set(id, state);
      }
      const oldest = page.length > 0 ? checkpointIdOf(page[page.length - 1]!) : undefined;
      if (page.length < this.pageSize || oldest === undefined || oldest === this.#oldest) this.#exhausted = true;
      this.#oldest = oldest;
    }
    return this.#byId.get(checkpointId);
  }
}

/**
 * For each message of `head` (the thread's current state), the id of the checkpoint just before
 * the first checkpoint that contains it: forking from there redoes the turn that produced the
 * message. Walks the lineage of `head` through `parent_checkpoint` links (so checkpoints of other
 * branches are ignored), paging history only as far back as the oldest unresolved message needs.
 * Messages of the thread's very first checkpoint have no parent and are left out.
 *
 * @example
 * const parents = await findFirstSeenParents(client.threads.getHistory, threadId, state, "messages");
 * await controller.submit(null, { forkFrom: parents.get(aiMessage.id!) }); // regenerate that reply
 */
export async function findFirstSeenParents(
  read: HistoryReader,
  threadId: string,
  head: ThreadState,
  messagesKey: string,
  options: HistoryWalkOptions = {},
): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  const pending = messageIdsOf(head, messagesKey);
  const pages = new HistoryPages(read, threadId, options.pageSize ?? 50, options.signal);
  const maxCheckpoints = options.maxCheckpoints ?? 500;
  let newer = head;
  for (let visited = 0; pending.size > 0 && visited < maxCheckpoints; visited += 1) {
    const parentId = newer.parent_checkpoint?.checkpoint_id;
    if (parentId === undefined || options.signal?.aborted === true) break;
    const older = await pages.find(parentId);
    if (older === undefined) break;
    const olderIds = messageIdsOf(older, messagesKey);
    for (const id of pending) {
      if (olderIds.has(id)) continue;
      // `newer` is the first checkpoint of the lineage holding the message.
      result.set(id, parentId);
      pending.delete(id);
    }
    newer = older;
  }
  return result;
}
