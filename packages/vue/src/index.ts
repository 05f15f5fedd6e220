/**
 * `@agent-stream/vue`: Vue composables over `@agent-stream/core`.
 */

// Root composable, context and app defaults
export { useStream, type UseStreamOptions } from "./use-stream";
export { provideStream, useStreamContext, STREAM_CONTEXT_KEY } from "./context";
export { AgentStreamPlugin, STREAM_DEFAULTS_KEY, type StreamDefaults } from "./plugin";
export type { StreamHandle, StreamSource, StreamSubmitInput } from "./stream-handle";

// Selector composables
export { useMessages } from "./use-messages";
export { useToolCalls } from "./use-tool-calls";
export { useValues, type UseValuesOptions } from "./use-values";
export { useExtension } from "./use-extension";
export { useChannel } from "./use-channel";
export { useChannelEffect, type UseChannelEffectOptions } from "./use-channel-effect";
export { useMessageMetadata } from "./use-message-metadata";
export { useSubmissionQueue, type SubmissionQueue } from "./use-submission-queue";
export type { SelectorTarget } from "./selector-target";

// Media
export { useImages } from "./use-images";
export { useAudio } from "./use-audio";
export { useVideo } from "./use-video";
export { useFiles } from "./use-files";
export { useMediaURL, type MediaURLSource } from "./use-media-url";
export { useAudioPlayer, type AudioPlayerHandle, type UseAudioPlayerOptions } from "./use-audio-player";
export { useVideoPlayer, type UseVideoPlayerOptions, type VideoPlayerHandle } from "./use-video-player";
export type { MediaPlayerHandle } from "./internal/player-handle";

// Custom projections
export { useProjection, type StreamProjectionSpec, type StreamRegistry } from "./use-projection";

// Core types a Vue app needs most often
export type {
  Interrupt,
  MediaPlayerStatus,
  MediaSnapshot,
  MessageMetadata,
  StreamOptions,
  StreamRespondAllOptions,
  StreamRespondOptions,
  StreamStopOptions,
  StreamSubmitOptions,
  SubagentSnapshot,
  SubgraphSnapshot,
  SubmissionQueueEntry,
  ToolCallSnapshot,
} from "@agent-stream/core";
