import { TransportError } from "../protocol/errors";
import type { CommandResponse, ProtocolCommand, SubscriptionFilter } from "../protocol/types";
import type { AgentServerAdapter, EventConnection, EventConnectionHandlers, FetchLike } from "./adapter";
import { headersFor, httpErrorFrom, joinUrl, resolveFetch } from "./http";
import { parseFrame } from "./parse-frame";
import { createSseParser } from "./sse-parser";

/** Options of the SSE adapter. */
export interface SseAdapterOptions {
  apiUrl: string;
  headers?: Record<string, string>;
  fetch?: FetchLike;
}

/**
 * Commands over `POST /threads/{id}/commands`, events over `POST /threads/{id}/stream/events`
 * (server-sent events, read by the built-in `createSseParser`).
 *
 * @example
 * const adapter = new SseAdapter({ apiUrl: "http://localhost:2024" });
 */
export class SseAdapter implements AgentServerAdapter {
  readonly kind = "sse";
  readonly replaysOnOpen = true;
  #threadId: string | undefined;
  readonly #connections = new Set<EventConnection>();

  constructor(private readonly options: SseAdapterOptions) {}

  bind(threadId: string): void {
    this.#threadId = threadId;
  }

  get #fetch(): FetchLike {
    return resolveFetch(this.options.fetch);
  }

  #url(suffix: string): string {
    if (this.#threadId === undefined) throw new Error("SseAdapter used before bind(threadId)");
    return joinUrl(this.options.apiUrl, `/threads/${encodeURIComponent(this.#threadId)}${suffix}`);
  }

  async send(command: ProtocolCommand): Promise<CommandResponse> {
    const url = this.#url("/commands");
    const response = await this.#fetch(url, {
      method: "POST",
      headers: headersFor(url, this.options.apiUrl, this.options.headers ?? {}, {
        "content-type": "application/json",
      }),
      body: JSON.stringify(command),
    });
    if (!response.ok) throw await httpErrorFrom(response, url);
    const frame = parseFrame(await response.text());
    if (frame.kind !== "response") {
      throw new TransportError(`Command ${command.method} did not return a protocol response`);
    }
    return frame.response;
  }

  openEvents(filter: SubscriptionFilter, handlers: EventConnectionHandlers): EventConnection {
    const url = this.#url("/stream/events");
    const abort = new AbortController();
    let closedOnPurpose = false;
    let markReady!: () => void;
    let failReady!: (error: unknown) => void;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failReady = reject;
    });
    const closed = (async () => {
      try {
        const response = await this.#fetch(url, {
          method: "POST",
          headers: headersFor(url, this.options.apiUrl, this.options.headers ?? {}, {
            "content-type": "application/json",
            accept: "text/event-stream",
          }),
          body: JSON.stringify(filter),
          signal: abort.signal,
        });
        if (!response.ok) throw await httpErrorFrom(response, url);
        if (!response.body) throw new TransportError("Event stream response has no body");
        markReady();
        await pumpSse(response.body, handlers);
      } catch (error) {
        if (closedOnPurpose) return;
        failReady(error);
        throw error;
      } finally {
        failReady(new TransportError("Event stream ended before it was ready"));
      }
    })();
    // Callers observe `closed` when they care; this keeps an ignored failure from being unhandled.
    closed.catch(() => undefined);
    ready.catch(() => undefined);
    const connection: EventConnection = {
      ready,
      closed,
      close: () => {
        closedOnPurpose = true;
        this.#connections.delete(connection);
        abort.abort();
      },
    };
    this.#connections.add(connection);
    closed.then(
      () => this.#connections.delete(connection),
      () => this.#connections.delete(connection),
    );
    return connection;
  }

  async close(): Promise<void> {
    for (const connection of [...this.#connections]) connection.close();
  }
}

async function pumpSse(body: ReadableStream<Uint8Array>, handlers: EventConnectionHandlers): Promise<void> {
  const parser = createSseParser({
    onEvent(message) {
      const frame = parseFrame(message.data);
      if (frame.kind === "event") handlers.onEvent(frame.event);
      else if (frame.kind === "malformed") handlers.onMalformedFrame(message.data, frame.cause);
    },
  });
  // The parser skips a leading byte order mark itself, so the decoder must pass it through.
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        // Flushes the decoder; an event the stream cut off before its blank line is dropped, never dispatched.
        parser.feed(decoder.decode());
        return;
      }
      parser.feed(decoder.decode(value, { stream: true }));
    }
  } finally {
    reader.releaseLock();
  }
}
