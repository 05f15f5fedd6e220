// Players: framework-neutral cores exposing a store; bindings only wrap them.
export { AudioPlayer, type AudioPlayerOptions } from "./audio-player";
export { VideoPlayer } from "./video-player";
export { IDLE_SNAPSHOT as IDLE_PLAYER_SNAPSHOT, type MediaElementLike, type MediaPlayerControls, type MediaPlayerFields, type MediaPlayerSnapshot, type MediaPlayerStatus, type PlayableMedia } from "./types";

// Streaming audio building blocks
export { AudioChunkScheduler, type AudioBufferLike, type AudioBufferSourceLike, type AudioChunkSchedulerOptions, type AudioContextLike } from "./web-audio";
export { PcmStreamDecoder, type PcmChunk } from "./pcm-stream";
export {
  decodePcm,
  isWavMimeType,
  parseWavHeader,
  pcmFormatOfMimeType,
  WavFormatError,
  type PcmEncoding,
  type PcmFormat,
  type WavHeader,
} from "./wav";
