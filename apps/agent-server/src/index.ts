// Server
export { type AgentServer, type AgentServerOptions, startAgentServer } from "./server.js";
export { type CancelAction, RunCancelledError } from "./run-control.js";

// Graph registry
export {
  type AnyGraph,
  createGraphs,
  GRAPH_IDS,
  type GraphDefinition,
  type GraphId,
  graphRegistry,
} from "./graphs/registry.js";

// Fixture constants tests assert against
export type { ApprovalDecision, ApprovalRequest, ProposedAction } from "./graphs/approval.js";
export { CUSTOM_EVENTS_REPLY, PROGRESS_EVENT_NAME } from "./graphs/custom-events.js";
export { DOUBLE_INTERRUPT_QUESTIONS, type QuestionRequest } from "./graphs/double-interrupt.js";
export { FAILING_ERROR_MESSAGE } from "./graphs/failing.js";
export { HITL_ACTION } from "./graphs/hitl.js";
export { DEFAULT_HISTORY_SIZE } from "./graphs/long-history.js";
export { MEDIA_IMAGE_URL, MEDIA_PAYLOADS, MEDIA_TEXT } from "./graphs/media.js";
export { NESTED_DRAFT_TEXT } from "./graphs/nested-subgraph.js";
export { reasoningAnswer, reasoningThought } from "./graphs/reasoning.js";
export { SLOW_DEFAULT_DELAY_MS, SLOW_TOKEN_COUNT } from "./graphs/slow.js";
export { SUBAGENT_TYPES, type SubagentType } from "./graphs/subagents.js";
export { textReply } from "./graphs/text.js";
export { CALCULATOR_BOOM, CALCULATOR_BOOM_MESSAGE } from "./graphs/tools.js";

// Scripted model
export {
  type Script,
  type ScriptContext,
  type ScriptedAudio,
  ScriptedChatModel,
  type ScriptedChatModelOptions,
  type ScriptedToolCall,
  type ScriptedTurn,
} from "./fake/scripted-model.js";
export { DEFAULT_TOKEN_DELAY_MS, TOKEN_DELAY_ENV } from "./fake/token-delay.js";
