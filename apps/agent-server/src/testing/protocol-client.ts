/**
 * A bare-bones protocol client over `fetch`, used by this app's tests to drive the server the way
 * any client would: open the SSE stream, send commands, read frames.
 */

/** One event frame as the server sends it. */
export interface WireEvent {
  type: "event";
  event_id: string;
  seq: number;
  method: string;
  params: {
    namespace: string[];
    timestamp: number;
    node?: string;
    // `any`: payloads differ per method; tests narrow them.
    data: any;
  };
}

/** The reply to a command. */
export interface CommandReply {
  type: "success" | "error";
  id: number | null;
  result?: Record<string, unknown>;
  error?: string;
  message?: string;
  meta?: Record<string, unknown>;
}

/** Filter body of `POST /threads/:id/stream/events`. */
export interface StreamFilter {
  channels: string[];
  namespaces?: string[][];
  depth?: number;
  since?: number;
}

/** Every channel a test usually wants. */
export const ALL_CHANNELS = [
  "lifecycle",
  "input",
  "values",
  "updates",
  "messages",
  "tools",
  "custom",
  "checkpoints",
  "tasks",
];

/** Whether the event is the root namespace's terminal lifecycle (completed, interrupted or failed). */
export const isRootTerminal = (event: WireEvent): boolean =>
  event.method === "lifecycle" && event.params.namespace.length === 0 && event.params.data.event !== "running";

const parseFrame = (frame: string): WireEvent | undefined => {
  const data = frame
    .split("\n")
    .filter((line) => line.startsWith("data:"))
    .map((line) => line.slice(5).trimStart())
    .join("");
  return data === "" ? undefined : (JSON.parse(data) as WireEvent);
};

/** An open SSE event stream; collects every frame into `events`. */
export class SseEventStream {
  readonly events: WireEvent[] = [];
  private readonly controller: AbortController;
  private readonly waiters = new Set<() => void>();
  private ended = false;

  private constructor(controller: AbortController) {
    this.controller = controller;
  }

  /** Opens `POST /threads/:threadId/stream/events` and starts reading frames. */
  static async open(baseUrl: string, threadId: string, filter: StreamFilter): Promise<SseEventStream> {
    const controller = new AbortController();
    const response = await fetch(`${baseUrl}/threads/${threadId}/stream/events`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify(filter),
      signal: controller.signal,
    });
    if (!response.ok || response.body === null) {
      throw new Error(`stream open failed: ${response.status} ${await response.text()}`);
    }
    const stream = new SseEventStream(controller);
    void stream.pump(response.body);
    return stream;
  }

  /** Whether the server ended the response (or it was closed). */
  get isEnded(): boolean {
    return this.ended;
  }

  /** Resolves with the first event at or after `fromIndex` matching `predicate`. */
  async waitFor(
    predicate: (event: WireEvent) => boolean,
    options: { fromIndex?: number; timeoutMs?: number } = {},
  ): Promise<WireEvent> {
    const find = () => this.events.slice(options.fromIndex ?? 0).find(predicate);
    await this.until(() => find() !== undefined || this.ended, options.timeoutMs, "an event");
    const found = find();
    if (found === undefined) throw new Error(`stream ended before the awaited event (${this.events.length} events)`);
    return found;
  }

  /** Resolves once the response body has ended. */
  waitForEnd(timeoutMs = 5_000): Promise<void> {
    return this.until(() => this.ended, timeoutMs, "the end of the stream");
  }

  private until(condition: () => boolean, timeoutMs = 10_000, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition()) return false;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve();
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${this.events.length} events seen)`));
      }, timeoutMs);
      if (!check()) this.waiters.add(check);
    });
  }

  /** Aborts the request. */
  close(): void {
    this.controller.abort();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const bytes of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(bytes, { stream: true }).replace(/\r\n/g, "\n");
        let boundary = buffer.indexOf("\n\n");
        while (boundary >= 0) {
          const event = parseFrame(buffer.slice(0, boundary));
          buffer = buffer.slice(boundary + 2);
          if (event) this.events.push(event);
          boundary = buffer.indexOf("\n\n");
        }
        this.notify();
      }
    } catch {
      // The stream was aborted by close() or dropped by the server: both just end it.
    }
    this.ended = true;
    this.notify();
  }
}

let commandId = 0;

/** Sends one command with `POST /threads/:threadId/commands` and returns the parsed reply. */
export async function sendCommand(
  baseUrl: string,
  threadId: string,
  method: string,
  params: Record<string, unknown>,
): Promise<CommandReply> {
  commandId += 1;
  const response = await fetch(`${baseUrl}/threads/${threadId}/commands`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ id: commandId, method, params }),
  });
  if (!response.ok) throw new Error(`command ${method} failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as CommandReply;
}

/** Concatenated `text-delta`s of the messages events that match `filter`. */
export function streamedText(events: WireEvent[], filter: (event: WireEvent) => boolean = () => true): string {
  return events
    .filter((event) => event.method === "messages" && filter(event))
    .map((event) => event.params.data)
    .filter((data) => data.event === "content-block-delta" && data.delta?.type === "text-delta")
    .map((data) => data.delta.text as string)
    .join("");
}

/** Options of {@link startRun}. */
export interface StartRunOptions {
  channels?: string[];
  /** Per-token delay sent as `config.configurable.token_delay_ms` (default 1). */
  tokenDelayMs?: number;
  /** Thread to run on (default: a fresh UUID). */
  threadId?: string;
}

/** A run started by {@link startRun}: its thread, open stream and `run.start` reply. */
export interface StartedRun {
  threadId: string;
  runId: string;
  stream: SseEventStream;
  reply: CommandReply;
}

/**
 * Opens the SSE stream first, then sends `run.start`, so no event can be missed.
 *
 * @example
 * ```ts
 * const run = await startRun(url, "text", { messages: [{ type: "human", content: "hi" }] });
 * const terminal = await run.stream.waitFor(isRootTerminal);
 * ```
 */
export async function startRun(
  baseUrl: string,
  assistantId: string,
  input: unknown,
  options: StartRunOptions = {},
): Promise<StartedRun> {
  const threadId = options.threadId ?? crypto.randomUUID();
  const stream = await SseEventStream.open(baseUrl, threadId, { channels: options.channels ?? ALL_CHANNELS });
  const reply = await sendCommand(baseUrl, threadId, "run.start", {
    assistant_id: assistantId,
    input,
    config: { configurable: { token_delay_ms: options.tokenDelayMs ?? 1 } },
  }).catch((error: unknown) => {
    stream.close();
    throw error;
  });
  if (reply.type !== "success") {
    stream.close();
    throw new Error(`run.start failed: ${reply.error}: ${reply.message}`);
  }
  return { threadId, runId: String(reply.result?.run_id), stream, reply };
}

/** Input with one human message. */
export const humanInput = (content: string) => ({ messages: [{ type: "human", content }] });
