/**
 * `@agent-stream/core`: a framework-agnostic client for the LangGraph thread-centric
 * streaming protocol.
 */

// Client and thread streams
export { Client } from "./client/client";
export type { ClientOptions, ThreadInfo, ThreadSearchQuery, ThreadState, ThreadStreamConnectOptions } from "./client/client";
export { ThreadStream } from "./thread/thread-stream";
export type { InterruptResponse, MultitaskStrategy, RespondParams, RunStartParams, ThreadStreamOptions } from "./thread/thread-stream";
export { EventSubscription } from "./thread/subscription";
export type { PendingInterrupt } from "./thread/interrupt-tracker";
export { RunFailedError } from "./thread/run-errors";
export { StreamingMessage } from "./thread/projections/streaming-message";
export { ToolCallHandle } from "./thread/projections/tool-calls";
export { SubagentHandle, SubgraphHandle } from "./thread/projections/discovery";
export { MediaHandle } from "./thread/projections/media";
export type { ScopeStatus } from "./thread/projections/discovery";

// Transports
export type {
  AgentServerAdapter,
  EventConnection,
  EventConnectionHandlers,
  FetchLike,
  WebSocketFactory,
  WebSocketInit,
  WebSocketLike,
} from "./transport/adapter";
export type { ReconnectOptions } from "./transport/backoff";
export { SseAdapter } from "./transport/sse-adapter";
export { WebSocketAdapter } from "./transport/websocket-adapter";

// Protocol
export * from "./protocol/types";
export {
  HttpError,
  MalformedFrameError,
  ProtocolError,
  ReconnectExhaustedError,
  ThreadClosedError,
  TransportError,
} from "./protocol/errors";
export { NAMESPACE_SEPARATOR, channelOfEvent, matchesFilter, namespaceKey } from "./protocol/filter";

// Assembly of protocol events into messages, tool calls and media
export * from "./assembly/index";

// Reactive store primitives
export * from "./store/index";

// Reactive controller (in progress: see issue 3)
export * from "./controller/index";

// Scoped projections, discovery, media players, headless tools
export * from "./projections/index";
export * from "./discovery/index";
export * from "./media-player/index";
export * from "./headless-tools/index";
