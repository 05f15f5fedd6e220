import { describe, expect, it } from "vitest";
import type { ProtocolEvent } from "../protocol/types";
import { SseAdapter } from "./sse-adapter";
import { createSseParser, type ServerSentEvent } from "./sse-parser";

interface Parsed {
  events: ServerSentEvent[];
  retries: number[];
}

/** Feeds the chunks in order and collects what a consumer would see. */
function parse(...chunks: string[]): Parsed {
  const parsed: Parsed = { events: [], retries: [] };
  const parser = createSseParser({
    onEvent: (event) => parsed.events.push(event),
    onRetry: (milliseconds) => parsed.retries.push(milliseconds),
  });
  for (const chunk of chunks) parser.feed(chunk);
  return parsed;
}

const dataOf = (parsed: Parsed): string[] => parsed.events.map((event) => event.data);

/** A stream using every feature, with mixed line endings, a supplementary-plane character and an unfinished tail. */
const SAMPLE =
  '\uFEFF: hello\r\nevent: values\r\ndata: {"a":1}\r\nid: 1\r\n\r\n' +
  "data: line one\rdata:line two\r\r" +
  "retry: 3000\nevent: é\ndata: 𝄞 wide\nunknown: field\nid: 2\n\n" +
  "data\n\n" +
  "event: dropped\nid: 3\n\n" +
  "data: after\r\n\r\n" +
  "event: cut\ndata: never dispatched";

const SAMPLE_EVENTS: ServerSentEvent[] = [
  { type: "values", data: '{"a":1}', lastEventId: "1" },
  { type: "message", data: "line one\nline two", lastEventId: "1" },
  { type: "é", data: "𝄞 wide", lastEventId: "2" },
  { type: "message", data: "", lastEventId: "2" },
  { type: "message", data: "after", lastEventId: "3" },
];

describe("createSseParser", () => {
  it("parses the sample stream fed whole", () => {
    expect(parse(SAMPLE)).toEqual({ events: SAMPLE_EVENTS, retries: [3000] });
  });

  it("gives the same events however the stream is split into two or three chunks", () => {
    for (let first = 0; first <= SAMPLE.length; first += 1) {
      expect(parse(SAMPLE.slice(0, first), SAMPLE.slice(first)), `split at ${first}`).toEqual({
        events: SAMPLE_EVENTS,
        retries: [3000],
      });
      for (let second = first; second <= SAMPLE.length; second += 1) {
        const parsed = parse(SAMPLE.slice(0, first), SAMPLE.slice(first, second), SAMPLE.slice(second));
        if (parsed.events.length !== SAMPLE_EVENTS.length) throw new Error(`split at ${first} and ${second}`);
        expect(parsed.events).toEqual(SAMPLE_EVENTS);
      }
    }
  });

  it("gives the same events fed one character at a time, with empty chunks between", () => {
    const chunks = [...SAMPLE.split("")].flatMap((character) => [character, ""]);
    expect(parse(...chunks)).toEqual({ events: SAMPLE_EVENTS, retries: [3000] });
  });

  it.each([
    ["\\n", "\n"],
    ["\\r", "\r"],
    ["\\r\\n", "\r\n"],
  ])("ends lines with %s", (_name, ending) => {
    const stream = ["event: a", "data: 1", "data: 2", "", "data: 3", "", ""].join(ending);
    expect(parse(stream).events).toEqual([
      { type: "a", data: "1\n2", lastEventId: "" },
      { type: "message", data: "3", lastEventId: "" },
    ]);
  });

  it("treats a \\r\\n split across chunks as one line ending, not an extra blank line", () => {
    expect(dataOf(parse("data: a\r", "\ndata: b\r", "\n\r", "\n"))).toEqual(["a\nb"]);
    expect(dataOf(parse("data: a\r", "", "\n", "data: b\r\n\r\n"))).toEqual(["a\nb"]);
  });

  it("dispatches an event ended by \\r\\r at the end of a chunk without waiting for more", () => {
    expect(dataOf(parse("data: now\r\r"))).toEqual(["now"]);
  });

  it("ignores comment lines, also between data lines", () => {
    expect(dataOf(parse(": keep-alive\n\n:\n\ndata: a\n: note\ndata: b\n\n"))).toEqual(["a\nb"]);
  });

  it("joins data lines with \\n, keeping empty ones", () => {
    expect(dataOf(parse("data: a\ndata:\ndata: b\n\n"))).toEqual(["a\n\nb"]);
    expect(dataOf(parse("data: x: y:z\n\n"))).toEqual(["x: y:z"]);
  });

  it("removes exactly one space after the colon, and none when there is none", () => {
    expect(dataOf(parse("data:tight\n\ndata:  two\n\ndata:\tx\n\n"))).toEqual(["tight", " two", "\tx"]);
  });

  it("skips a byte order mark only at the very start of the stream", () => {
    expect(dataOf(parse("\uFEFFdata: a\n\n"))).toEqual(["a"]);
    expect(dataOf(parse("", "\uFEFFdata: a\n\n"))).toEqual(["a"]);
    expect(dataOf(parse("data: a\n\n", "\uFEFFdata: b\n\n"))).toEqual(["a"]);
    expect(dataOf(parse("\uFEFF\uFEFFdata: a\n\n"))).toEqual([]);
  });

  it("reads a line without a colon as a field with an empty value", () => {
    expect(dataOf(parse("data\n\n"))).toEqual([""]);
    expect(dataOf(parse("data\ndata\n\n"))).toEqual(["\n"]);
    expect(parse("event: named\nevent\ndata: x\n\n").events).toEqual([{ type: "message", data: "x", lastEventId: "" }]);
    expect(parse("id: 4\nid\ndata: x\n\n").events).toEqual([{ type: "message", data: "x", lastEventId: "" }]);
  });

  it("keeps the last id across events, ignores ids containing NUL, and takes an id from an undispatched block", () => {
    const parsed = parse("id: 7\ndata: a\n\ndata: b\n\nid: 8\u0000\ndata: c\n\nid: 9\n\ndata: d\n\n");
    expect(parsed.events.map((event) => [event.data, event.lastEventId])).toEqual([
      ["a", "7"],
      ["b", "7"],
      ["c", "7"],
      ["d", "9"],
    ]);
  });

  it("reports retry values made only of digits and ignores the rest", () => {
    const parsed = parse("retry: 2500\nretry: 25x\nretry: -1\nretry: 1.5\nretry:\nretry:  10\nretry:0\n\n");
    expect(parsed).toEqual({ events: [], retries: [2500, 0] });
    expect(() => createSseParser({ onEvent: () => undefined }).feed("retry: 10\n")).not.toThrow();
  });

  it("ignores unknown fields, which are case-sensitive and end exactly at the colon", () => {
    expect(dataOf(parse("foo: bar\nDATA: x\ndata : y\nData: w\ndata: z\n\n"))).toEqual(["z"]);
  });

  it("does not dispatch an event without data lines, and forgets its event type", () => {
    expect(parse("event: lonely\nid: 1\n\n\n\ndata: y\n\n").events).toEqual([
      { type: "message", data: "y", lastEventId: "1" },
    ]);
  });

  it("does not dispatch an event the stream ends before its blank line", () => {
    expect(dataOf(parse("data: a\n\ndata: b\n"))).toEqual(["a"]);
    expect(dataOf(parse("data: a\n\ndata: b"))).toEqual(["a"]);
  });

  it("keeps a long line fed in many small chunks intact", () => {
    const long = "x".repeat(100_000);
    const chunks = ["data: ", ...long.match(/.{1,7}/g)!, "\n\n"];
    expect(dataOf(parse(...chunks))).toEqual([long]);
  });
});

describe("SseAdapter with the built-in parser", () => {
  /** Serves `bytes` one byte per chunk, as a slow network might. */
  function byteByByte(bytes: Uint8Array): ReadableStream<Uint8Array> {
    let offset = 0;
    return new ReadableStream({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(offset, offset + 1));
        offset += 1;
      },
    });
  }

  it("skips a leading byte order mark, reassembles characters split across bytes, and drops a cut-off last frame", async () => {
    const event = (seq: number, text: string) =>
      JSON.stringify({ type: "event", seq, event_id: String(seq), method: "custom", params: { namespace: [], timestamp: 0, data: text } });
    const text = `\uFEFFevent: custom\r\ndata: ${event(1, "héllo 𝄞")}\r\n\r\ndata: ${event(2, "ok")}\r\n\r\ndata: ${event(3, "cut")}\r\n`;
    const adapter = new SseAdapter({
      apiUrl: "http://server.test",
      fetch: async () => new Response(byteByByte(new TextEncoder().encode(text))),
    });
    adapter.bind("t");
    const events: ProtocolEvent[] = [];
    const malformed: string[] = [];
    const connection = adapter.openEvents(
      { channels: ["custom"] },
      { onEvent: (received) => events.push(received), onMalformedFrame: (raw) => malformed.push(raw) },
    );
    await connection.closed;
    expect(malformed).toEqual([]);
    expect(events.map((received) => [received.event_id, received.params.data])).toEqual([
      ["1", "héllo 𝄞"],
      ["2", "ok"],
    ]);
  });
});
