/**
 * The reference client's custom transport over the scripted server. It takes the reference's
 * event-stream path (`openEventStream`, like its default SSE transport): each connection is an
 * async iterable of parsed frames.
 */
import type { AgentServerAdapter } from "@langchain/langgraph-sdk/stream";
import type { ScriptedServer, ServerConnection } from "../server/scripted-server";

type EventStreamHandle = ReturnType<NonNullable<AgentServerAdapter["openEventStream"]>>;
/** A parsed frame (the reference types it as `@langchain/protocol`'s `Message`). */
type WireMessage = unknown;

/** A minimal single-consumer async queue: the leanest way to feed the reference's `for await`. */
class FrameQueue implements AsyncIterableIterator<WireMessage> {
  #items: WireMessage[] = [];
  #head = 0;
  #waiter: ((result: IteratorResult<WireMessage>) => void) | undefined;
  #done = false;

  push(item: WireMessage): void {
    if (this.#done) return;
    const waiter = this.#waiter;
    if (waiter !== undefined) {
      this.#waiter = undefined;
      waiter({ value: item, done: false });
      return;
    }
    this.#items.push(item);
  }

  end(): void {
    this.#done = true;
    this.#items = [];
    this.#head = 0;
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<WireMessage>> {
    if (this.#head < this.#items.length) {
      const value = this.#items[this.#head]!;
      this.#head += 1;
      if (this.#head === this.#items.length) {
        this.#items = [];
        this.#head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.#waiter = resolve));
  }

  async return(): Promise<IteratorResult<WireMessage>> {
    this.end();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<WireMessage> {
    return this;
  }
}

/**
 * An `AgentServerAdapter` of `@langchain/langgraph-sdk/stream` backed by a {@link ScriptedServer}.
 *
 * @example
 * const controller = new StreamController({ assistantId: "agent", client, transport: new ReferenceBenchAdapter(server) });
 */
export class ReferenceBenchAdapter {
  threadId = "";
  readonly #connections = new Set<{ queue: FrameQueue; connection: ServerConnection }>();

  constructor(private readonly server: ScriptedServer) {}

  setThreadId(threadId: string): void {
    this.threadId = threadId;
  }

  async open(): Promise<void> {
    // Nothing to connect: event streams are opened per subscription.
  }

  /** Answers with the server's response envelope (`@langchain/protocol`'s `CommandResponse` shape). */
  async send(command: { id: number; method: string; params?: Record<string, unknown> }): Promise<Record<string, unknown>> {
    return this.server.handleCommand(command);
  }

  async *events(): AsyncGenerator<never> {
    // Only used by socket-style transports; this adapter opens one event stream per filter.
  }

  openEventStream(params: { channels: readonly string[]; namespaces?: readonly (readonly string[])[]; depth?: number }): EventStreamHandle {
    const queue = new FrameQueue();
    const connection = this.server.openStream(params, (raw) => {
      const frame = JSON.parse(raw) as { type?: unknown };
      if (frame.type === "event") queue.push(frame);
    });
    const entry = { queue, connection };
    this.#connections.add(entry);
    return {
      events: queue as unknown as EventStreamHandle["events"],
      ready: Promise.resolve(),
      close: () => {
        connection.close();
        queue.end();
        this.#connections.delete(entry);
      },
    };
  }

  async close(): Promise<void> {
    for (const { queue, connection } of this.#connections) {
      connection.close();
      queue.end();
    }
    this.#connections.clear();
  }
}
