// Stores: the one reactivity primitive every binding subscribes to.
export {
  StreamStore,
  type ReadableStore,
  type StoreListener,
  type StoreWriter,
  type StreamStoreOptions,
} from "./stream-store.js";

// Notification batching.
export {
  NotificationScheduler,
  type DirtyNotifier,
  type NotificationSchedulerOptions,
} from "./notification-scheduler.js";

// Projections and the registry that shares them.
export {
  ChannelRegistry,
  ChannelRegistryDisposedError,
  type ChannelRegistryOptions,
} from "./channel-registry.js";
export { resolveInitial } from "./projection.js";
export type {
  AcquiredProjection,
  ProjectionContext,
  ProjectionErrorInfo,
  ProjectionErrorPhase,
  ProjectionRuntime,
  ProjectionSpec,
} from "./projection.js";

// Host scheduling helpers shared with the rest of the core.
export { scheduleMacrotask, type CancelMacrotask } from "./macrotask.js";
export { reportUncaughtError } from "./report-error.js";
