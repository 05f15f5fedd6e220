import { describe, expect, it, vi } from "vitest";
import { protocolEvent } from "../assembly/test-support/events";
import { HttpError } from "../protocol/errors";
import { FakeThread, nextMacrotask } from "../projections/test-support/fake-thread";
import { StreamStore } from "../store/stream-store";
import { attachDiscovery, type DiscoveryThread } from "./attach";

const taskStarted = (id: string, namespace: string[]) =>
  protocolEvent("tools", { event: "tool-started", tool_call_id: id, tool_name: "task", input: { description: id } }, { namespace });

function host(threadId: string | null) {
  const rootStore = new StreamStore({ threadId });
  const listeners = new Set<(thread: DiscoveryThread | undefined) => void>();
  let thread: DiscoveryThread | undefined;
  return {
    rootStore,
    subscribeThread(listener: (thread: DiscoveryThread | undefined) => void) {
      listeners.add(listener);
      listener(thread);
      return () => listeners.delete(listener);
    },
    open(next: DiscoveryThread | undefined) {
      thread = next;
      for (const listener of listeners) listener(next);
    },
  };
}

describe("attachDiscovery", () => {
  it("feeds both discoveries from the live thread on every namespace", async () => {
    const owner = host("thread-1");
    const discovery = attachDiscovery(owner);
    const thread = new FakeThread("thread-1");
    owner.open(thread);
    thread.emit(taskStarted("call-1", ["tools:a"]));
    thread.emit(protocolEvent("lifecycle", { event: "started" }, { namespace: ["research:1", "plan:2"] }));
    await nextMacrotask();
    expect([...discovery.subagentStore.getSnapshot().keys()]).toEqual(["call-1"]);
    expect([...discovery.subgraphStore.getSnapshot().keys()]).toEqual(["research:1"]);
    discovery.dispose();
    expect(thread.activeSubscriptions).toHaveLength(0);
  });

  it("resets and seeds from history when the thread id changes", async () => {
    const owner = host("thread-1");
    const getHistory = vi.fn(async (threadId: string) =>
      threadId === "thread-2"
        ? [{ values: { messages: [{ type: "ai", id: "a", content: "", tool_calls: [{ id: "old-call", name: "task", args: { description: "D" } }] }] } }]
        : [],
    );
    const discovery = attachDiscovery(owner, { client: { threads: { getHistory } } });
    const thread = new FakeThread("thread-1");
    owner.open(thread);
    thread.emit(taskStarted("call-1", ["tools:a"]));
    await nextMacrotask();
    expect(discovery.subagentStore.getSnapshot().has("call-1")).toBe(true);

    owner.rootStore.setValue({ threadId: "thread-2" });
    expect(discovery.subagentStore.getSnapshot().size).toBe(0);
    await discovery.seeded;
    expect([...discovery.subagentStore.getSnapshot().keys()]).toEqual(["old-call"]);
    expect(getHistory).toHaveBeenCalledWith("thread-2", { limit: 20 });
    // Late events of the previous thread are ignored.
    thread.emit(taskStarted("call-late", ["tools:b"]));
    expect(discovery.subagentStore.getSnapshot().has("call-late")).toBe(false);
  });

  it("treats a thread without history (404) as empty and reports other seed errors", async () => {
    const onError = vi.fn();
    const missing = attachDiscovery(host("new-thread"), {
      client: { threads: { getHistory: async () => Promise.reject(new HttpError(404, "not found", "/history")) } },
      onError,
    });
    await missing.seeded;
    expect(onError).not.toHaveBeenCalled();
    const failing = attachDiscovery(host("thread-x"), {
      client: { threads: { getHistory: async () => Promise.reject(new Error("offline")) } },
      onError,
    });
    await failing.seeded;
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: "offline" }));
  });
});
