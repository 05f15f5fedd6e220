/**
 * `@agent-stream/react`: React hooks over `@agent-stream/core`.
 */

// Root hook, context and Suspense
export { useStream, type UseStreamOptions } from "./use-stream";
export { StreamProvider, useStreamContext, type StreamProviderProps } from "./context";
export { useSuspenseStream } from "./use-suspense-stream";
export type {
  StreamDiscovery,
  StreamHandle,
  StreamSource,
  StreamSubmitInput,
  SubagentMap,
  SubagentSnapshot,
  SubgraphByNodeMap,
  SubgraphMap,
} from "./stream-handle";

// Selector hooks
export { useMessages } from "./use-messages";
export { useToolCalls } from "./use-tool-calls";
export { useValues, type UseValuesOptions } from "./use-values";
export { useMessageMetadata } from "./use-message-metadata";
export { useSubmissionQueue, type SubmissionQueue } from "./use-submission-queue";
export { useExtension } from "./use-extension";
export { useChannel } from "./use-channel";
export { useChannelEffect, type UseChannelEffectOptions } from "./use-channel-effect";

// Media
export { useAudio, useFiles, useImages, useVideo } from "./use-media";
export { useMediaURL } from "./use-media-url";
export { useAudioPlayer, type AudioPlayerHandle } from "./use-audio-player";
export { useVideoPlayer, type VideoPlayerHandle } from "./use-video-player";
export type { SelectorTarget } from "./selector-target";

// Custom projections
export { useProjection, type StreamProjectionSpec, type StreamRegistry } from "./use-projection";

// Core types a React app needs most often
export type {
  Interrupt,
  MessageMetadata,
  StreamOptions,
  StreamRespondAllOptions,
  StreamRespondOptions,
  StreamStopOptions,
  StreamSubmitOptions,
  SubmissionQueueEntry,
  ToolCallSnapshot,
} from "@agent-stream/core";
