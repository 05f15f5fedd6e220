// Controller
export { StreamController } from "./stream-controller";
export {
  controllerRebuildKey,
  createStreamController,
  mustRebuildController,
  normalizeStreamOptions,
  resolveServerOptions,
  type ServerOptions,
  type NormalizedStreamOptions,
  type StreamOptions,
} from "./options";
export { RunInFlightError } from "./submit-coordinator";
export { ThreadOptionFollower } from "./thread-option";
export {
  bindStreamActions,
  forwardCallbacks,
  targetNamespace,
  type SelectorTarget,
  type StreamActions, type StreamDiscovery, type StreamHandleValues, type StreamSubmitInput } from "./stream-handle";

// Root pump and root-scoped projections
export { ROOT_PUMP_CHANNELS, ROOT_PUMP_FILTER, type RootEventBus } from "./root-event-bus";
export {
  type RootProjectionSpec,
} from "./root-projections";

// Snapshot and option types
export {
  DEFAULT_MESSAGES_KEY,
  type Interrupt,
  type MessageMetadata,
  type MessageMetadataMap,
  type MultitaskStrategy,
  type OptimisticStatus,
  type RootSnapshot,
  type RunCompletedInfo,
  type RunCompletedReason,
  type RunConfig,
  type StreamCallbacks,
  type StreamControllerOptions,
  type StreamRespondAllOptions,
  type StreamRespondOptions,
  type StreamStopOptions,
  type StreamSubmitOptions,
  type SubmissionQueueEntry,
  type ToolCallSnapshot,
} from "./types";

// Type helpers
export type {
  InferStateType,
  MessageDict,
  MessageInput,
  SubmitInput,
  WidenUpdateMessages,
} from "./type-inference";

// Helpers bindings and tests reuse
export { toMessageDict } from "./optimistic-input";
export { normalizeInterruptResponse, normalizeInterruptValue } from "./hitl-payload";
