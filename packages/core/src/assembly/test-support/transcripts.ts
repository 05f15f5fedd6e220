/**
 * Loads recorded wire traffic as protocol events for tests. The recordings are a copy of
 * `shared/transcripts/*.jsonl` kept in `packages/core/test/fixtures/transcripts`, so a clone
 * tests on its own; set `AGENT_STREAM_TRANSCRIPTS` to read them from another folder.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ProtocolEvent } from "../../protocol/types";

const DEFAULT_FOLDER = fileURLToPath(new URL("../../../test/fixtures/transcripts/", import.meta.url));

/** The transcripts folder in use. */
export function transcriptsFolder(): string {
  return process.env.AGENT_STREAM_TRANSCRIPTS ?? DEFAULT_FOLDER;
}

interface TranscriptLine {
  kind?: string;
  data?: unknown;
}

function isProtocolEvent(value: unknown): value is ProtocolEvent {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "event";
}

/**
 * The server events of a transcript, in arrival order. Frames repeated by SSE replays or
 * overlapping WebSocket subscriptions are dropped by `event_id`, as a client would.
 *
 * @example
 * const events = loadTranscriptEvents("stategraph_text.raw-sse");
 */
export function loadTranscriptEvents(name: string): ProtocolEvent[] {
  const text = readFileSync(`${transcriptsFolder()}/${name}.jsonl`, "utf8");
  const seen = new Set<string>();
  const events: ProtocolEvent[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const record = JSON.parse(line) as TranscriptLine;
    if (record.kind !== "sse.frame" && record.kind !== "ws.message") continue;
    if (!isProtocolEvent(record.data)) continue;
    const id = record.data.event_id;
    if (id !== undefined) {
      if (seen.has(id)) continue;
      seen.add(id);
    }
    events.push(record.data);
  }
  return events;
}

/** The `messages` list of the last `values` event in `namespace` (root by default). */
export function finalValuesMessages(
  events: readonly ProtocolEvent[],
  namespace: readonly string[] = [],
): unknown[] {
  const key = namespace.join("|");
  for (let position = events.length - 1; position >= 0; position -= 1) {
    const event = events[position];
    if (event?.method !== "values" || event.params.namespace.join("|") !== key) continue;
    const data = event.params.data as { messages?: unknown };
    return Array.isArray(data.messages) ? data.messages : [];
  }
  return [];
}
