// Assemblers: protocol events → messages, tool calls and media.
export { MessageAssembler, type MessageAssemblerOptions } from "./message-assembler";
export { ToolCallAssembler } from "./tool-call-assembler";
export { MediaAssembler } from "./media-assembler";
export { MediaAssemblyError, type MediaFailureReason, type MediaItem } from "./media-item";

// Assembled object types.
export type {
  AssembledMessage,
  AssembledToolCall,
  AssemblyErrorInfo,
  AssemblyStatus,
  ToolCallRequest,
  ToolCallStatus,
} from "./types";
export type { MediaKind } from "./content-blocks";

// State-payload messages.
export { coerceMessages, messageFromInput } from "./values-messages";

// Helpers shared with stores and bindings.
export { unwrapToolOutput, unwrapToolInput } from "./tool-output";
export { parsePartialJson } from "./json";
export { Base64StreamDecoder } from "./base64-decoder";
