/**
 * `@agent-stream/svelte`: Svelte 5 bindings (runes and stores) over `@agent-stream/core`.
 */

// Root stream and context
export { useStream } from "./use-stream.svelte.js";
export { provideStream, useStreamContext } from "./context.js";
export type {
  StreamDiscovery,
  StreamHandle,
  StreamMethods,
  StreamSnapshot,
  StreamSource,
  StreamSubmitInput,
  UseStreamOptions,
} from "./stream-handle.js";

// Selectors: each returns `{ current }`
export { useMessages } from "./use-messages.svelte.js";
export { useToolCalls } from "./use-tool-calls.svelte.js";
export { useValues, type UseValuesOptions } from "./use-values.svelte.js";
export { useExtension } from "./use-extension.svelte.js";
export { useChannel } from "./use-channel.svelte.js";
export { useChannelEffect, type UseChannelEffectOptions } from "./use-channel-effect.svelte.js";
export { useMessageMetadata } from "./use-message-metadata.svelte.js";
export { useSubmissionQueue, type SubmissionQueue } from "./use-submission-queue.svelte.js";
export type { ReactiveValue } from "./reactive-value.js";
export type { SelectorTarget, ValueOrGetter } from "./selector-target.js";

// Media
export { useImages } from "./use-images.svelte.js";
export { useAudio } from "./use-audio.svelte.js";
export { useVideo } from "./use-video.svelte.js";
export { useFiles } from "./use-files.svelte.js";
export { useMediaURL, type MediaURLSource } from "./use-media-url.svelte.js";
export { useAudioPlayer, type AudioPlayerHandle, type UseAudioPlayerOptions } from "./use-audio-player.svelte.js";
export { useVideoPlayer, type UseVideoPlayerOptions, type VideoPlayerHandle } from "./use-video-player.svelte.js";
export type { MediaPlayerHandle } from "./internal/player-handle.svelte.js";

// Custom projections
export { useProjection } from "./use-projection.svelte.js";
export type { StreamProjectionSpec, StreamRegistry } from "./internal/projection-value.js";

// Core types a Svelte app needs most often
export type {
  Interrupt,
  MediaPlayerSnapshot,
  MediaPlayerStatus,
  MediaSnapshot,
  MessageMetadata,
  ProtocolEvent,
  StreamRespondAllOptions,
  StreamRespondOptions,
  StreamStopOptions,
  StreamSubmitOptions,
  SubagentSnapshot,
  SubgraphSnapshot,
  SubmissionQueueEntry,
  ToolCallSnapshot,
} from "@agent-stream/core";
