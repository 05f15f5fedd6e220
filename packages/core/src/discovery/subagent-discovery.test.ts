import { describe, expect, it, vi } from "vitest";
import type { ProtocolEvent } from "../protocol/types";
import { SubagentDiscovery } from "./subagent-discovery";
import type { DiscoveryCheckpoint } from "./types";

let seq = 0;
function event(method: string, namespace: string[], data: unknown, timestamp = 1_000 + seq): ProtocolEvent {
  seq += 1;
  return { type: "event", method, seq, event_id: String(seq), params: { namespace, timestamp, data } };
}

const taskStarted = (id: string, namespace: string[], description: string, subagentType = "researcher") =>
  event("tools", namespace, {
    event: "tool-started",
    tool_call_id: id,
    tool_name: "task",
    input: JSON.stringify({ description, subagent_type: subagentType }),
  });

const taskFinished = (id: string, namespace: string[], content: string) =>
  event("tools", namespace, {
    event: "tool-finished",
    tool_call_id: id,
    output: { type: "tool", content, tool_call_id: id, name: "task", status: "success" },
  });

const values = (namespace: string[], messages: unknown[]) => event("values", namespace, { messages });

describe("SubagentDiscovery", () => {
  it("shows a subagent as soon as its task starts, then completes it with its answer", () => {
    const discovery = new SubagentDiscovery();
    discovery.push(taskStarted("call-1", ["tools:a"], "Research X"));
    const started = discovery.snapshot.get("call-1");
    expect(started).toMatchObject({
      id: "call-1",
      name: "researcher",
      namespace: ["tools:a"],
      namespaceResolved: true,
      parentId: null,
      depth: 1,
      status: "running",
      taskInput: "Research X",
      input: { description: "Research X", subagent_type: "researcher" },
      completedAt: null,
    });
    expect(started?.startedAt).toBeInstanceOf(Date);
    discovery.push(taskFinished("call-1", ["tools:a"], "Findings: it streams"));
    expect(discovery.snapshot.get("call-1")).toMatchObject({ status: "complete", output: "Findings: it streams" });
    expect(discovery.snapshot.get("call-1")?.completedAt).toBeInstanceOf(Date);
  });

  it("keeps unchanged subagents' objects and publishes only on change", () => {
    const discovery = new SubagentDiscovery();
    const listener = vi.fn();
    discovery.store.subscribe(listener);
    discovery.push(taskStarted("call-1", ["tools:a"], "Research X"));
    discovery.push(taskStarted("call-2", ["tools:b"], "Write Y", "writer"));
    const first = discovery.snapshot.get("call-1");
    discovery.push(taskFinished("call-2", ["tools:b"], "Draft"));
    expect(discovery.snapshot.get("call-1")).toBe(first);
    expect(listener).toHaveBeenCalledTimes(3);
    discovery.push(event("tools", ["tools:a", "tools:c"], { event: "tool-started", tool_call_id: "s-1", tool_name: "search" }));
    discovery.push(event("messages", ["tools:a"], { event: "message-start", id: "m" }));
    expect(listener).toHaveBeenCalledTimes(3);
  });

  // Regression (reference B8): completion was re-stamped (new completedAt, new map) on every values event.
  it("does not re-stamp a finished subagent when later values repeat its result", () => {
    const discovery = new SubagentDiscovery();
    const listener = vi.fn();
    discovery.store.subscribe(listener);
    const call = { type: "ai", id: "ai-1", content: "", tool_calls: [{ id: "call-1", name: "task", args: { description: "X" } }] };
    const result = { type: "tool", id: "tool-1", tool_call_id: "call-1", content: "done" };
    discovery.push(values([], [call]));
    discovery.push(values([], [call, result]));
    const finished = discovery.snapshot;
    expect(finished.get("call-1")).toMatchObject({ status: "complete", output: "done" });
    discovery.push(values([], [call, result, { type: "ai", id: "ai-2", content: "summary" }]));
    discovery.push(taskFinished("call-1", ["tools:a"], "done"));
    expect(discovery.snapshot).toBe(finished);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it("nests a subagent started inside another one", () => {
    const discovery = new SubagentDiscovery();
    discovery.push(taskStarted("outer", ["tools:a"], "Plan"));
    discovery.push(taskStarted("inner", ["tools:a", "tools:b"], "Dig deeper"));
    expect(discovery.snapshot.get("inner")).toMatchObject({ parentId: "outer", depth: 2, namespace: ["tools:a", "tools:b"] });
  });

  // Regression (reference fan-out heuristic): workers were promoted by name ("fanout-worker") to
  // whatever namespace showed up; here each binds only to the namespace running its own task.
  it("binds parallel workers reported outside their namespace by their task text, not their name", () => {
    const discovery = new SubagentDiscovery();
    discovery.push(taskStarted("w-1", [], "Worker worker-1", "fanout-worker"));
    discovery.push(taskStarted("w-2", [], "Worker worker-2", "fanout-worker"));
    expect(discovery.snapshot.get("w-1")).toMatchObject({ namespace: ["tools:w-1"], namespaceResolved: false });
    discovery.push(values(["tools:unrelated"], [{ type: "human", id: "h-0", content: "Something else" }]));
    discovery.push(values(["tools:y"], [{ type: "human", id: "h-2", content: "Worker worker-2" }]));
    discovery.push(values(["tools:x"], [{ type: "human", id: "h-1", content: "Worker worker-1" }]));
    expect(discovery.snapshot.get("w-1")).toMatchObject({ namespace: ["tools:x"], namespaceResolved: true });
    expect(discovery.snapshot.get("w-2")).toMatchObject({ namespace: ["tools:y"], namespaceResolved: true });
  });

  it("binds to the namespace whose lifecycle names the task call as its cause", () => {
    const discovery = new SubagentDiscovery();
    discovery.push(taskStarted("call-1", [], "Research X"));
    discovery.push(event("lifecycle", ["task:run-9"], { event: "started", cause: { type: "toolCall", tool_call_id: "call-1" } }));
    expect(discovery.snapshot.get("call-1")?.namespace).toEqual(["task:run-9"]);
  });

  it("marks a subagent failed by a tool error or by its namespace failing", () => {
    const discovery = new SubagentDiscovery();
    discovery.push(taskStarted("call-1", ["tools:a"], "A"));
    discovery.push(taskStarted("call-2", ["tools:b"], "B"));
    discovery.push(event("tools", ["tools:a"], { event: "tool-error", tool_call_id: "call-1", message: "quota exceeded" }));
    discovery.push(event("lifecycle", ["tools:b"], { event: "failed", error: JSON.stringify({ error: "Error", message: "model down" }) }));
    expect(discovery.snapshot.get("call-1")).toMatchObject({ status: "error", error: "quota exceeded" });
    expect(discovery.snapshot.get("call-2")).toMatchObject({ status: "error", error: "model down" });
  });

  it("rebuilds subagents, their namespaces and results from stored history", () => {
    const call = (id: string, description: string) => ({ id, name: "task", args: { description, subagent_type: "researcher" } });
    const ai = { type: "ai", id: "ai-1", content: "", tool_calls: [{ id: "x", name: "lookup", args: {} }, call("c-1", "A"), call("c-2", "B")] };
    const human = { type: "human", id: "h-1", content: "go" };
    const history: DiscoveryCheckpoint[] = [
      {
        created_at: "2026-01-01T00:00:02.000Z",
        values: { messages: [human, ai, { type: "tool", id: "t-1", tool_call_id: "c-1", content: "A done" }] },
        tasks: [{ id: "uuid-2", name: "tools", path: ["__pregel_push", 2, false], result: null }],
      },
      {
        created_at: "2026-01-01T00:00:01.000Z",
        values: { messages: [human, ai] },
        tasks: [
          { id: "uuid-1", name: "tools", path: ["__pregel_push", 1, false], result: { messages: [{ type: "tool", tool_call_id: "c-1", content: "A done" }] } },
        ],
      },
    ];
    const discovery = new SubagentDiscovery();
    discovery.seed(history);
    expect(discovery.snapshot.get("c-1")).toMatchObject({ status: "complete", output: "A done", namespace: ["tools:uuid-1"] });
    expect(discovery.snapshot.get("c-1")?.startedAt.toISOString()).toBe("2026-01-01T00:00:01.000Z");
    expect(discovery.snapshot.get("c-2")).toMatchObject({ status: "running", namespace: ["tools:uuid-2"], namespaceResolved: true });
    // Seeding again changes nothing.
    const seeded = discovery.snapshot;
    discovery.seed(history);
    expect(discovery.snapshot).toBe(seeded);
  });

  it("forgets everything on reset", () => {
    const discovery = new SubagentDiscovery();
    discovery.push(taskStarted("call-1", ["tools:a"], "A"));
    discovery.reset();
    expect(discovery.snapshot.size).toBe(0);
    discovery.push(taskStarted("call-1", ["tools:a"], "A"));
    expect(discovery.snapshot.get("call-1")?.namespaceResolved).toBe(true);
  });
});
