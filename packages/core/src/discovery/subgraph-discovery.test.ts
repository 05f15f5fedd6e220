import { describe, expect, it, vi } from "vitest";
import type { ProtocolEvent } from "../protocol/types";
import { collectSubgraphHosts, loadDiscoveryHistory } from "./history";
import { SubgraphDiscovery } from "./subgraph-discovery";
import type { DiscoveryCheckpoint } from "./types";

let seq = 0;
function lifecycle(namespace: string[], status: string, extra: Record<string, unknown> = {}): ProtocolEvent {
  seq += 1;
  return { type: "event", method: "lifecycle", seq, params: { namespace, timestamp: seq, data: { event: status, ...extra } } };
}

const RESEARCH = ["research:1"];
const RESEARCHER = ["research:1", "researcher:2"];

/** The lifecycle sequence of the nested_subgraph graph. */
function nestedRun(discovery: SubgraphDiscovery): void {
  discovery.push(lifecycle([], "running"));
  discovery.push(lifecycle(RESEARCH, "started"));
  discovery.push(lifecycle([...RESEARCH, "plan:3"], "started"));
  discovery.push(lifecycle([...RESEARCH, "plan:3"], "completed"));
  discovery.push(lifecycle(RESEARCHER, "started"));
  discovery.push(lifecycle([...RESEARCHER, "draft:4"], "started"));
  discovery.push(lifecycle([...RESEARCHER, "draft:4"], "completed"));
  discovery.push(lifecycle(RESEARCHER, "completed"));
  discovery.push(lifecycle(RESEARCH, "completed"));
  discovery.push(lifecycle(["finish:5"], "started"));
  discovery.push(lifecycle(["finish:5"], "completed"));
}

describe("SubgraphDiscovery", () => {
  it("promotes only namespaces that host deeper ones, with status, parent and depth", () => {
    const discovery = new SubgraphDiscovery();
    nestedRun(discovery);
    const subgraphs = [...discovery.snapshot.values()];
    expect(subgraphs.map((subgraph) => subgraph.name)).toEqual(["research", "researcher"]);
    expect(discovery.snapshot.get("research:1")).toMatchObject({ status: "complete", depth: 1, parentId: null });
    expect(subgraphs[1]).toMatchObject({ namespace: RESEARCHER, status: "complete", depth: 2, parentId: "research:1" });
    expect(discovery.byNodeSnapshot.get("researcher")).toEqual([subgraphs[1]]);
  });

  it("shows a subgraph as running while its children work", () => {
    const discovery = new SubgraphDiscovery();
    discovery.push(lifecycle(RESEARCH, "started"));
    expect(discovery.snapshot.size).toBe(0);
    discovery.push(lifecycle([...RESEARCH, "plan:3"], "started"));
    expect(discovery.snapshot.get("research:1")).toMatchObject({ status: "running", completedAt: null });
  });

  it("never treats tool executions or subagent tasks as subgraphs", () => {
    const discovery = new SubgraphDiscovery();
    discovery.push(lifecycle(["tools:a", "model_request:b"], "started"));
    discovery.push(lifecycle(["tools:a", "research:c", "plan:d"], "started"));
    expect([...discovery.snapshot.keys()]).toEqual(["tools:a\u0000research:c"]);
  });

  it("records a failure with its message", () => {
    const discovery = new SubgraphDiscovery();
    discovery.push(lifecycle([...RESEARCH, "plan:3"], "started"));
    discovery.push(lifecycle(RESEARCH, "failed", { error: JSON.stringify({ error: "Error", message: "boom" }) }));
    expect(discovery.snapshot.get("research:1")).toMatchObject({ status: "error", error: "boom" });
  });

  it("publishes only on change and keeps unchanged subgraphs' objects", () => {
    const discovery = new SubgraphDiscovery();
    discovery.push(lifecycle([...RESEARCH, "plan:3"], "started"));
    discovery.push(lifecycle(["other:9", "inner:1"], "started"));
    const listener = vi.fn();
    discovery.store.subscribe(listener);
    const research = discovery.snapshot.get("research:1");
    discovery.push(lifecycle([...RESEARCH, "plan:3"], "completed"));
    discovery.push(lifecycle([...RESEARCH, "plan:4"], "started"));
    expect(listener).not.toHaveBeenCalled();
    discovery.push(lifecycle(["other:9"], "completed"));
    expect(listener).toHaveBeenCalledTimes(1);
    expect(discovery.snapshot.get("research:1")).toBe(research);
  });

  it("does not downgrade a finished subgraph from history, and fills missing ones", () => {
    const discovery = new SubgraphDiscovery();
    nestedRun(discovery);
    discovery.seedFromHistory([
      { namespace: RESEARCH, status: "running" },
      { namespace: ["other:7"], status: "complete" },
    ]);
    expect(discovery.snapshot.get("research:1")?.status).toBe("complete");
    expect(discovery.snapshot.get("other:7")?.status).toBe("complete");
  });

  it("empties both maps on reset", () => {
    const discovery = new SubgraphDiscovery();
    nestedRun(discovery);
    discovery.reset();
    expect(discovery.snapshot.size).toBe(0);
    expect(discovery.byNodeSnapshot.size).toBe(0);
  });
});

describe("subgraphs from stored history", () => {
  const rootHistory: DiscoveryCheckpoint[] = [
    { created_at: "2026-01-01T00:00:03Z", tasks: [] },
    { created_at: "2026-01-01T00:00:02Z", tasks: [{ id: "5", name: "finish", path: ["__pregel_pull", "finish"], checkpoint: null, result: {} }] },
    {
      created_at: "2026-01-01T00:00:01Z",
      tasks: [{ id: "1", name: "research", checkpoint: { checkpoint_ns: "research:1" }, result: { messages: [] } }],
    },
  ];
  const researchHistory: DiscoveryCheckpoint[] = [
    { created_at: "2026-01-01T00:00:01.5Z", tasks: [{ id: "2", name: "researcher", checkpoint: { checkpoint_ns: "research:1|researcher:2" }, result: {} }] },
  ];

  it("collects hosts from tasks that ran with their own checkpoint namespace", () => {
    expect(collectSubgraphHosts(rootHistory)).toEqual([
      expect.objectContaining({ namespace: RESEARCH, status: "complete", completedAt: new Date("2026-01-01T00:00:02Z") }),
    ]);
  });

  // Regression (reference B6): nested namespaces were requested with a NUL-joined checkpoint_ns.
  it("follows subgraphs into their own history with a `|`-joined checkpoint namespace", async () => {
    const getHistory = vi.fn(async (_threadId: string, options: { checkpoint?: Record<string, unknown> }) => {
      const checkpointNs = options.checkpoint?.checkpoint_ns;
      if (checkpointNs === undefined) return rootHistory;
      return checkpointNs === "research:1" ? researchHistory : [];
    });
    const history = await loadDiscoveryHistory({ threads: { getHistory } }, "thread-1");
    expect(history.hosts.map((host) => host.namespace)).toEqual([RESEARCH, RESEARCHER]);
    expect(getHistory).toHaveBeenCalledWith("thread-1", { limit: 20, checkpoint: { checkpoint_ns: "research:1|researcher:2" } });
    const discovery = new SubgraphDiscovery();
    discovery.seedFromHistory(history.hosts);
    expect(discovery.snapshot.get("research:1\u0000researcher:2")).toMatchObject({ parentId: "research:1", depth: 2 });
  });
});
