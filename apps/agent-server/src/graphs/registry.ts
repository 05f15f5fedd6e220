import type { Pregel } from "@langchain/langgraph";
import { createCustomEventsGraph } from "./custom-events.js";
import { createDeepAgentGraph } from "./deep-agent.js";
import { createDemoGraph } from "./demo.js";
import { createDoubleInterruptGraph } from "./double-interrupt.js";
import { createFailingGraph } from "./failing.js";
import { createHeadlessToolsGraph } from "./headless-tools.js";
import { createHitlGraph } from "./hitl.js";
import { createLongHistoryGraph } from "./long-history.js";
import { createMediaGraph } from "./media.js";
import { createNestedInterruptGraph } from "./nested-interrupt.js";
import { createNestedSubgraphGraph } from "./nested-subgraph.js";
import { createReasoningGraph } from "./reasoning.js";
import { createSlowGraph } from "./slow.js";
import { createTextGraph } from "./text.js";
import { createToolAgentGraph } from "./tool-agent.js";

/** Any compiled graph the server can run. */
// `any`: the embed server accepts graphs of any state shape.
export type AnyGraph = Pregel<any, any, any, any, any>;

/** Assistant (graph) ids served by the agent server. */
export const GRAPH_IDS = {
  text: "text",
  toolAgent: "tool_agent",
  hitl: "hitl",
  doubleInterrupt: "double_interrupt",
  nestedSubgraph: "nested_subgraph",
  deepAgent: "deep_agent",
  customEvents: "custom_events",
  failing: "failing",
  slow: "slow",
  media: "media",
  longHistory: "long_history",
  reasoning: "reasoning",
  demo: "demo",
} as const;

/** One assistant id. */
export type GraphId = (typeof GRAPH_IDS)[keyof typeof GRAPH_IDS];

/** A servable graph: its id, a one-line description and a factory building a fresh compiled instance. */
export interface GraphDefinition {
  id: GraphId;
  description: string;
  create: () => AnyGraph;
}

const define = (id: GraphId, description: string, create: () => AnyGraph): [GraphId, GraphDefinition] => [
  id,
  { id, description, create },
];

/**
 * Every graph the agent server registers, keyed by assistant id.
 *
 * Factories rather than instances: the embed server mutates a graph's checkpointer, so each
 * server builds its own instances.
 *
 * @example
 * ```ts
 * const graph = graphRegistry.text.create();
 * ```
 */
export const graphRegistry = Object.fromEntries([
  define(GRAPH_IDS.text, "one agent node streaming a ~20-token reply", createTextGraph),
  define(GRAPH_IDS.toolAgent, "createAgent: one tool call, two parallel calls, then an answer", createToolAgentGraph),
  define(GRAPH_IDS.hitl, "proposes send_email, interrupts for approve/edit/reject", createHitlGraph),
  define(GRAPH_IDS.doubleInterrupt, "two parallel interrupts resumed together", createDoubleInterruptGraph),
  define(GRAPH_IDS.nestedSubgraph, "root → subgraph → subgraph → streaming model", createNestedSubgraphGraph),
  define(GRAPH_IDS.deepAgent, "orchestrator runs two task subagents in parallel", createDeepAgentGraph),
  define(GRAPH_IDS.customEvents, "custom:progress and custom events around a reply", createCustomEventsGraph),
  define(GRAPH_IDS.failing, "streams four tokens, then the model throws", createFailingGraph),
  define(GRAPH_IDS.slow, "200 tokens 50 ms apart, for stop/cancel", createSlowGraph),
  define(GRAPH_IDS.media, "text, inline PNG, URL image and streamed WAV blocks", createMediaGraph),
  define(GRAPH_IDS.longHistory, "seeds 300 messages, then streams a reply", createLongHistoryGraph),
  define(GRAPH_IDS.reasoning, "streams reasoning (standard or Anthropic-style thinking), then an answer", createReasoningGraph),
  define(GRAPH_IDS.demo, "weather tool, approval, subagent, answer", createDemoGraph),
  define("headless_tools" as GraphId, "two parallel client-tool interrupts, then an answer using both", createHeadlessToolsGraph),
  define("nested_interrupt" as GraphId, "approval interrupt two subgraphs deep, then the decision streamed", createNestedInterruptGraph),
]) as Record<GraphId, GraphDefinition>;

/**
 * Builds fresh instances of every registered graph, keyed by assistant id.
 *
 * @example
 * ```ts
 * const graphs = createGraphs(); // { text: Pregel, tool_agent: Pregel, ... }
 * ```
 */
export function createGraphs(): Record<GraphId, AnyGraph> {
  const entries = Object.values(graphRegistry).map((definition) => [definition.id, definition.create()]);
  return Object.fromEntries(entries) as Record<GraphId, AnyGraph>;
}
