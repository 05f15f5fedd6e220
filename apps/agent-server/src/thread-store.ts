import { HTTPException } from "hono/http-exception";
import type { ThreadSaver } from "@langchain/langgraph-api/experimental/embed";

type Metadata = Record<string, unknown>;

/** A thread record kept by {@link createMemoryThreadStore}. */
export interface StoredThread {
  thread_id: string;
  created_at: string;
  updated_at: string;
  metadata: Metadata;
}

type SearchOptions = Parameters<NonNullable<ThreadSaver["search"]>>[0];

const matchesMetadata = (thread: StoredThread, filter: Metadata | undefined): boolean =>
  Object.entries(filter ?? {}).every(
    ([key, value]) => JSON.stringify(thread.metadata[key]) === JSON.stringify(value),
  );

/**
 * Creates the in-memory thread saver the embed server stores thread records in.
 *
 * `get` of an unknown id throws a 404 `HTTPException`, so REST routes answer
 * `404 Thread not found` for threads no run has created yet.
 *
 * @example
 * ```ts
 * const threads = createMemoryThreadStore();
 * await threads.set("7d1c...", { kind: "put", metadata: { graph_id: "text" } });
 * ```
 */
export function createMemoryThreadStore(): ThreadSaver & { readonly size: number } {
  const threads = new Map<string, StoredThread>();
  return {
    get size() {
      return threads.size;
    },
    async get(id) {
      const thread = threads.get(id);
      if (thread === undefined) {
        throw new HTTPException(404, { message: `Thread not found: ${id}` });
      }
      return thread;
    },
    async set(id, { kind, metadata }) {
      const now = new Date().toISOString();
      const existing = threads.get(id);
      const thread: StoredThread = {
        thread_id: id,
        created_at: existing?.created_at ?? now,
        updated_at: now,
        metadata: kind === "patch" ? { ...existing?.metadata, ...metadata } : { ...metadata },
      };
      threads.set(id, thread);
      return thread;
    },
    async delete(id) {
      threads.delete(id);
    },
    async *search(options: SearchOptions) {
      const direction = options.sortOrder === "asc" ? 1 : -1;
      const matching = [...threads.values()]
        .filter((thread) => matchesMetadata(thread, options.metadata))
        .sort((left, right) => direction * left[options.sortBy].localeCompare(right[options.sortBy]));
      for (const thread of matching.slice(options.offset, options.offset + options.limit)) {
        yield { thread, total: matching.length };
      }
    },
  };
}
