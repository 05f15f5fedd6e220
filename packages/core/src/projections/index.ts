// Scoped projections: any namespace, any registry over a ThreadStream (controller or not).
export { messagesProjection, valuesProjection, type ConversationProjectionOptions } from "./messages";
export { toolCallsProjection } from "./tool-calls";
export { extensionProjection, customPayload } from "./extension";
export {
  channelProjection,
  channelBufferPosition,
  DEFAULT_CHANNEL_BUFFER_SIZE,
  type ChannelBufferPosition,
  type ChannelProjectionOptions,
} from "./channel";
export {
  acquireChannelEffect,
  type ChannelEffectOptions,
  type ChannelEffectSource,
  type ProjectionAcquirer,
} from "./channel-effect";

// Media
export {
  audioProjection,
  filesProjection,
  imagesProjection,
  mediaProjection,
  videoProjection,
  type MediaProjectionOptions,
} from "./media";
export type { MediaSnapshot } from "./media-entry";

// Types and namespace helpers
export type {
  HistoryCheckpoint,
  HistoryReader,
  ProjectionShared,
  ScopedProjectionSpec,
  ScopedSubscription,
  ScopedThread,
} from "./types";
export { checkpointNamespace } from "./namespace";
