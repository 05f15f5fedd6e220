/**
 * Builders for synthetic protocol events in assembler tests.
 */
import type { ProtocolEvent } from "../../protocol/types";

/** Where a synthetic event comes from. */
export interface EventOrigin {
  namespace?: string[];
  node?: string;
}

let sequence = 0;

/** A protocol event envelope for `method` carrying `data`. */
export function protocolEvent(method: string, data: unknown, origin: EventOrigin = {}): ProtocolEvent {
  sequence += 1;
  const params: ProtocolEvent["params"] = { namespace: origin.namespace ?? [], timestamp: sequence, data };
  if (origin.node !== undefined) params.node = origin.node;
  return { type: "event", method, event_id: String(sequence), seq: sequence, params };
}

/** A `messages` event. */
export function messagesEvent(data: Record<string, unknown>, origin?: EventOrigin): ProtocolEvent {
  return protocolEvent("messages", data, origin);
}

/** A `tools` event. */
export function toolsEvent(data: Record<string, unknown>, origin?: EventOrigin): ProtocolEvent {
  return protocolEvent("tools", data, origin);
}

/** A `content-block-delta` event with a typed delta. */
export function deltaEvent(index: number, delta: Record<string, unknown>, origin?: EventOrigin): ProtocolEvent {
  return messagesEvent({ event: "content-block-delta", index, delta }, origin);
}

/** A `content-block-start` event. */
export function blockStartEvent(
  index: number,
  content: Record<string, unknown>,
  origin?: EventOrigin,
): ProtocolEvent {
  return messagesEvent({ event: "content-block-start", index, content }, origin);
}

/** A `content-block-finish` event. */
export function blockFinishEvent(
  index: number,
  content: Record<string, unknown>,
  origin?: EventOrigin,
): ProtocolEvent {
  return messagesEvent({ event: "content-block-finish", index, content }, origin);
}

/** A `content-block-delta` event with a `block-delta` (shallow-merged fields). */
export function blockDeltaEvent(
  index: number,
  fields: Record<string, unknown>,
  origin?: EventOrigin,
): ProtocolEvent {
  return deltaEvent(index, { type: "block-delta", fields }, origin);
}
