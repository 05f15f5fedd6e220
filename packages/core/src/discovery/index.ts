// Discovery classes and their wiring
export { SubagentDiscovery, type DiscoveryOptions } from "./subagent-discovery";
export { SubgraphDiscovery, type SubgraphHost } from "./subgraph-discovery";
export {
  attachDiscovery,
  attachDiscoveryToThread,
  DISCOVERY_FILTER,
  type AttachDiscoveryOptions,
  type AttachedDiscovery,
  type DiscoveryHost,
  type DiscoveryThread,
} from "./attach";

// Stored history
export {
  collectSubgraphHosts,
  loadDiscoveryHistory,
  type DiscoveryHistory,
  type DiscoveryHistoryClient,
  type DiscoveryHistoryOptions,
} from "./history";

// Snapshot types
export type {
  DiscoveryCheckpoint,
  DiscoveryStatus,
  DiscoveryTask,
  SubagentMap,
  SubagentSnapshot,
  SubgraphByNodeMap,
  SubgraphMap,
  SubgraphSnapshot,
} from "./types";

// Type helpers
export type {
  DefaultSubagentState,
  InferAgentState,
  InferSubagentNames,
  InferSubagentStates,
} from "./infer-subagent-states";
