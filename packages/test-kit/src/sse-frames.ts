import { StringDecoder } from "node:string_decoder";

/** One SSE frame as received: its text and the blank-line terminator that ended it. */
export interface SseFrame {
  /** The frame's lines without the terminating blank line. */
  text: string;
  /** The exact terminator, so the frame can be re-emitted byte for byte. */
  terminator: string;
}

const FRAME_TERMINATOR = /\r\n\r\n|\n\n|\r\r/;

/**
 * Splits a byte stream of `text/event-stream` into frames (blank-line separated),
 * keeping partial frames across chunk boundaries, including multi-byte characters.
 *
 * @example
 * const splitter = new SseFrameSplitter();
 * splitter.push(Buffer.from("data: 1\n\nda")); // [{ text: "data: 1", terminator: "\n\n" }]
 * splitter.push(Buffer.from("ta: 2\n\n"));     // [{ text: "data: 2", terminator: "\n\n" }]
 */
export class SseFrameSplitter {
  private readonly decoder = new StringDecoder("utf8");
  private buffer = "";

  /** Adds a chunk and returns every frame it completed. */
  push(chunk: Buffer): SseFrame[] {
    this.buffer += this.decoder.write(chunk);
    const frames: SseFrame[] = [];
    for (;;) {
      const match = FRAME_TERMINATOR.exec(this.buffer);
      if (match === null) break;
      frames.push({ text: this.buffer.slice(0, match.index), terminator: match[0] });
      this.buffer = this.buffer.slice(match.index + match[0].length);
    }
    return frames;
  }

  /** Returns whatever incomplete text is left once the stream ended. */
  flush(): string {
    const rest = this.buffer + this.decoder.end();
    this.buffer = "";
    return rest;
  }
}

/** Whether an SSE frame carries data (an event), as opposed to a comment-only or empty frame. */
export function isSseDataFrame(text: string): boolean {
  return text.split(/\r\n|\n|\r/).some((line) => line === "data" || line.startsWith("data:"));
}

/** The malformed frame the proxy injects: a data line that is not JSON. */
export const MALFORMED_SSE_FRAME = "event: messages\ndata: {not json\n\n";

/** The malformed WebSocket text frame the proxy injects. */
export const MALFORMED_WEBSOCKET_FRAME = "{not json";
