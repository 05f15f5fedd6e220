/**
 * `@agent-stream/angular`: Angular signals over `@agent-stream/core`.
 */

// Root function, shared streams and app defaults
export { injectStream, type InjectStreamOptions } from "./inject-stream";
export { provideStream, injectStreamContext, STREAM_INSTANCE } from "./context";
export { StreamService } from "./stream-service";
export { provideStreamDefaults, STREAM_DEFAULTS, type StreamDefaults } from "./stream-defaults";
export type { StreamHandle, StreamSource, StreamSubmitInput } from "./stream-handle";
export type { InjectOptions } from "./internal/binding-context";

// Selector functions
export { injectMessages } from "./inject-messages";
export { injectToolCalls } from "./inject-tool-calls";
export { injectValues, type InjectValuesOptions } from "./inject-values";
export { injectExtension } from "./inject-extension";
export { injectChannel, type InjectChannelOptions } from "./inject-channel";
export { injectChannelEffect, type InjectChannelEffectOptions } from "./inject-channel-effect";
export { injectMessageMetadata } from "./inject-message-metadata";
export { injectSubmissionQueue, type SubmissionQueue } from "./inject-submission-queue";
export type { MaybeSignal, SelectorTarget } from "./selector-target";

// Media
export { injectImages } from "./inject-images";
export { injectAudio } from "./inject-audio";
export { injectVideo } from "./inject-video";
export { injectFiles } from "./inject-files";
export type { InjectMediaOptions } from "./internal/media-selector";
export { injectMediaUrl, type MediaUrlSource } from "./inject-media-url";
export { injectAudioPlayer, type AudioPlayerHandle, type InjectAudioPlayerOptions } from "./inject-audio-player";
export { injectVideoPlayer, type InjectVideoPlayerOptions, type VideoPlayerHandle } from "./inject-video-player";
export type { MediaPlayerHandle } from "./internal/player-handle";

// Custom projections
export { injectProjection, type StreamProjectionSpec, type StreamRegistry } from "./inject-projection";

// Core types an Angular app needs most often
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
