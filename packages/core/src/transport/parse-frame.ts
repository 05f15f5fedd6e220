import type { CommandResponse, ProtocolEvent } from "../protocol/types";

/** What one incoming text frame turned out to be. */
export type ParsedFrame =
  | { kind: "event"; event: ProtocolEvent }
  | { kind: "response"; response: CommandResponse }
  | { kind: "ignored" }
  | { kind: "malformed"; cause: unknown };

/** Parses one server frame; never throws. Unknown but well-formed frames are ignored. */
export function parseFrame(raw: string): ParsedFrame {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (cause) {
    return { kind: "malformed", cause };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { kind: "malformed", cause: new Error("frame is not a JSON object") };
  }
  const frame = value as { type?: unknown; method?: unknown; params?: unknown; id?: unknown };
  if (frame.type === "event") {
    const params = frame.params as { namespace?: unknown } | undefined;
    if (typeof frame.method !== "string" || typeof params !== "object" || params === null) {
      return { kind: "malformed", cause: new Error("event frame without method or params") };
    }
    if (!Array.isArray(params.namespace)) params.namespace = [];
    return { kind: "event", event: value as ProtocolEvent };
  }
  if ((frame.type === "success" || frame.type === "error") && (typeof frame.id === "number" || frame.id === null)) {
    return { kind: "response", response: value as CommandResponse };
  }
  return { kind: "ignored" };
}
