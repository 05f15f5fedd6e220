/** One event dispatched from a server-sent event stream. */
export interface ServerSentEvent {
  /** The `event` field, or `"message"` when the event named none. */
  readonly type: string;
  /** The `data` lines joined with `\n`. */
  readonly data: string;
  /** The last `id` the stream set (it carries over to later events, as in `EventSource`); `""` before any. */
  readonly lastEventId: string;
}

/** Callbacks of {@link createSseParser}. */
export interface SseParserHandlers {
  /** Called once per dispatched event, in stream order. */
  onEvent(event: ServerSentEvent): void;
  /** Called with the reconnection delay of a valid `retry` field, in milliseconds. */
  onRetry?(milliseconds: number): void;
}

/** A streaming server-sent events parser; see {@link createSseParser}. */
export interface SseParser {
  /** Parses the next piece of decoded text; it may end anywhere, even between `\r` and `\n`. */
  feed(text: string): void;
}

const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;
const SPACE = 32;
const BYTE_ORDER_MARK = 0xfeff;

/**
 * Creates a parser for the `text/event-stream` format (WHATWG HTML, "event stream interpretation").
 *
 * Feed it decoded text in any split; it keeps only the unfinished line between calls. An event
 * still unfinished when the stream ends is never dispatched, as the specification requires.
 *
 * @example
 * const parser = createSseParser({ onEvent: (event) => console.log(event.type, event.data) });
 * parser.feed("event: ping\ndata: 1\n\n");
 */
export function createSseParser(handlers: SseParserHandlers): SseParser {
  let unfinishedLine = "";
  let started = false;
  let previousChunkEndedWithCarriageReturn = false;
  let data: string | undefined;
  let eventType = "";
  let lastEventId = "";

  function processLine(line: string): void {
    if (line === "") {
      if (data !== undefined) handlers.onEvent({ type: eventType || "message", data, lastEventId });
      data = undefined;
      eventType = "";
      return;
    }
    // A comment line (`:` first) has the empty field name, which no branch below matches.
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(line.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1);
    if (field === "data") data = data === undefined ? value : `${data}\n${value}`;
    else if (field === "event") eventType = value;
    else if (field === "id") {
      if (!value.includes("\0")) lastEventId = value;
    } else if (field === "retry" && /^\d+$/.test(value)) handlers.onRetry?.(Number(value));
  }

  function feed(text: string): void {
    if (text === "") return;
    let position = 0;
    if (!started) {
      started = true;
      if (text.charCodeAt(0) === BYTE_ORDER_MARK) position = 1;
    }
    // The `\n` of a `\r\n` split across two chunks: the `\r` already ended the line.
    if (previousChunkEndedWithCarriageReturn && text.charCodeAt(0) === LINE_FEED) position = 1;
    // The next `\n` and `\r` at or after `position`, each searched again only once passed, so a chunk is scanned once.
    let nextLineFeed = text.indexOf("\n", position);
    let nextCarriageReturn = text.indexOf("\r", position);
    for (;;) {
      if (nextLineFeed >= 0 && nextLineFeed < position) nextLineFeed = text.indexOf("\n", position);
      if (nextCarriageReturn >= 0 && nextCarriageReturn < position) nextCarriageReturn = text.indexOf("\r", position);
      const lineEnd =
        nextCarriageReturn < 0 || (nextLineFeed >= 0 && nextLineFeed < nextCarriageReturn) ? nextLineFeed : nextCarriageReturn;
      if (lineEnd < 0) break;
      processLine(unfinishedLine + text.slice(position, lineEnd));
      unfinishedLine = "";
      position = lineEnd + (lineEnd === nextCarriageReturn && text.charCodeAt(lineEnd + 1) === LINE_FEED ? 2 : 1);
    }
    previousChunkEndedWithCarriageReturn = text.charCodeAt(text.length - 1) === CARRIAGE_RETURN;
    unfinishedLine += text.slice(position);
  }

  return { feed };
}
