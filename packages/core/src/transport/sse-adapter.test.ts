import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { transcriptsFolder } from "../assembly/test-support/transcripts";
import type { ProtocolEvent } from "../protocol/types";
import { SseAdapter } from "./sse-adapter";

/** The raw SSE text a recorded transcript's server sent on its event stream. */
function recordedSseText(name: string): { text: string; eventIds: string[] } {
  const lines = readFileSync(`${transcriptsFolder()}/${name}.jsonl`, "utf8").split("\n").filter(Boolean);
  const frames = lines.map((line) => JSON.parse(line)).filter((entry) => entry.kind === "sse.frame");
  return {
    text: frames.map((frame) => `${frame.raw}\n\n`).join(""),
    eventIds: frames.map((frame) => String(frame.id)),
  };
}

function streamOf(text: string, chunkSize: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

describe("SseAdapter", () => {
  it.each([1, 7, 4096])("parses a recorded stream split into %i-byte chunks into the same events", async (chunkSize) => {
    const { text, eventIds } = recordedSseText("create_agent.raw-sse");
    const adapter = new SseAdapter({
      apiUrl: "http://server.test",
      fetch: async () => new Response(streamOf(text, chunkSize), { headers: { "content-type": "text/event-stream" } }),
    });
    adapter.bind("thread-1");
    const events: ProtocolEvent[] = [];
    const malformed: string[] = [];
    const connection = adapter.openEvents(
      { channels: ["messages"] },
      { onEvent: (event) => events.push(event), onMalformedFrame: (raw) => malformed.push(raw) },
    );
    await connection.ready;
    await connection.closed;
    expect(malformed).toEqual([]);
    expect(events.map((event) => event.event_id)).toEqual(eventIds);
  });

  it("skips a malformed frame, reports it, and keeps reading", async () => {
    const good = (seq: number) =>
      `event: values\ndata: ${JSON.stringify({ type: "event", seq, event_id: String(seq), method: "values", params: { namespace: [], timestamp: 0, data: {} } })}\n\n`;
    const adapter = new SseAdapter({
      apiUrl: "http://server.test",
      fetch: async () => new Response(streamOf(`${good(1)}data: {not json\n\n: comment\n\n${good(2)}`, 16)),
    });
    adapter.bind("t");
    const seqs: number[] = [];
    const malformed: string[] = [];
    const connection = adapter.openEvents(
      { channels: ["values"] },
      { onEvent: (event) => seqs.push(event.seq!), onMalformedFrame: (raw) => malformed.push(raw) },
    );
    await connection.closed;
    expect(seqs).toEqual([1, 2]);
    expect(malformed).toEqual(["{not json"]);
  });

  it("fails `ready` with the status and server message on a refused open", async () => {
    const adapter = new SseAdapter({
      apiUrl: "http://server.test",
      fetch: async () => new Response(JSON.stringify({ message: "bad filter" }), { status: 422 }),
    });
    adapter.bind("t");
    const connection = adapter.openEvents({ channels: ["values"] }, { onEvent() {}, onMalformedFrame() {} });
    await expect(connection.ready).rejects.toMatchObject({ status: 422, serverMessage: "bad filter" });
  });
});
