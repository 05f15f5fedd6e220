import { describe, expect, it } from "vitest";
import type { ThreadState } from "../client/client";
import { findFirstSeenParents, type HistoryReader } from "./message-history";

const checkpoint = (id: string, parent: string | undefined, ids: string[]): ThreadState => ({
  values: { messages: ids.map((messageId) => ({ type: "human", id: messageId, content: messageId })) },
  next: [],
  tasks: [],
  metadata: {},
  created_at: null,
  checkpoint: { checkpoint_id: id },
  parent_checkpoint: parent === undefined ? null : { checkpoint_id: parent },
});

/** A paged history reader over `states` (newest first) that counts its requests. */
function reader(states: ThreadState[]): HistoryReader & { requests: { limit: number; before?: string }[] } {
  const requests: { limit: number; before?: string }[] = [];
  const read = async (_threadId: string, options: { limit: number; before?: string }) => {
    requests.push(options);
    const start = options.before === undefined ? 0 : states.findIndex((state) => state.checkpoint?.checkpoint_id === options.before) + 1;
    return states.slice(start, start + options.limit);
  };
  return Object.assign(read, { requests });
}

describe("findFirstSeenParents", () => {
  it("gives each message the checkpoint before the first one holding it", async () => {
    const history = [
      checkpoint("c4", "c3", ["h1", "a1", "h2", "a2"]),
      checkpoint("c3", "c2", ["h1", "a1", "h2"]),
      checkpoint("c2", "c1", ["h1", "a1"]),
      checkpoint("c1", "c0", ["h1"]),
      checkpoint("c0", undefined, []),
    ];
    const parents = await findFirstSeenParents(reader(history), "t", history[0]!, "messages");
    expect(Object.fromEntries(parents)).toEqual({ h1: "c0", a1: "c1", h2: "c2", a2: "c3" });
  });

  it("follows parent links, so checkpoints of an abandoned branch do not count", async () => {
    const history = [
      checkpoint("fork-2", "fork-1", ["h1", "edited"]),
      checkpoint("fork-1", "c1", ["h1", "edited"]),
      checkpoint("old-2", "c1", ["h1", "edited", "old-reply"]),
      checkpoint("c1", "c0", ["h1"]),
      checkpoint("c0", undefined, []),
    ];
    const parents = await findFirstSeenParents(reader(history), "t", history[0]!, "messages");
    expect(Object.fromEntries(parents)).toEqual({ h1: "c0", edited: "c1" });
  });

  it("pages only as far back as needed and stops at the cap", async () => {
    const history = Array.from({ length: 30 }, (_, index) => {
      const step = 29 - index;
      const ids = Array.from({ length: step + 1 }, (__, position) => `m${position}`);
      return checkpoint(`c${step}`, step === 0 ? undefined : `c${step - 1}`, step < 5 ? [] : ids.slice(5));
    });
    const read = reader(history);
    const recent = await findFirstSeenParents(read, "t", checkpoint("head", "c29", ["m29"]), "messages", { pageSize: 5 });
    expect(recent.get("m29")).toBe("c28");
    expect(read.requests).toHaveLength(1);
    const capped = await findFirstSeenParents(reader(history), "t", history[0]!, "messages", { pageSize: 5, maxCheckpoints: 3 });
    expect(capped.has("m5")).toBe(false);
    expect(capped.get("m29")).toBe("c28");
  });
});
