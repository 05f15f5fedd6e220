import { describe, expect, it } from "vitest";
import { HttpError, ReconnectExhaustedError } from "../protocol/errors";
import { matchesFilter } from "../protocol/filter";
import type { ProtocolEvent, SubscriptionFilter } from "../protocol/types";
import type { AgentServerAdapter, EventConnection, EventConnectionHandlers } from "../transport/adapter";
import { EventFeed, type FeedSubscriber } from "./event-feed";

function event(seq: number, method: string, namespace: string[] = []): ProtocolEvent {
  return { type: "event", method, seq, event_id: String(seq), params: { namespace, timestamp: 0, data: { event: "x" } } };
}

/** An in-memory server: a growing event log that every new connection replays, then streams live. */
class LogServer implements AgentServerAdapter {
  readonly kind = "memory";
  readonly replaysOnOpen = true;
  readonly log: ProtocolEvent[] = [];
  readonly opens: SubscriptionFilter[] = [];
  readonly live = new Set<{ filter: SubscriptionFilter; handlers: EventConnectionHandlers; drop(error: unknown): void }>();
  failOpens: unknown[] = [];
  bind(): void {}
  async send(): Promise<never> {
    throw new Error("not used");
  }
  async close(): Promise<void> {}
  emit(next: ProtocolEvent): void {
    this.log.push(next);
    for (const connection of this.live) if (matchesFilter(connection.filter, next)) connection.handlers.onEvent(next);
  }
  dropAll(): void {
    for (const connection of [...this.live]) connection.drop(new Error("cut"));
  }
  openEvents(filter: SubscriptionFilter, handlers: EventConnectionHandlers): EventConnection {
    this.opens.push(filter);
    const failure = this.failOpens.shift();
    let rejectClosed!: (error: unknown) => void;
    const closed = new Promise<void>((_, reject) => (rejectClosed = reject));
    closed.catch(() => undefined);
    if (failure) {
      const ready = Promise.reject(failure);
      ready.catch(() => undefined);
      return { ready, closed, close() {} };
    }
    const entry = {
      filter,
      handlers,
      drop: (error: unknown) => {
        this.live.delete(entry);
        rejectClosed(error);
      },
    };
    for (const past of this.log) if (matchesFilter(filter, past)) handlers.onEvent(past);
    this.live.add(entry);
    return { ready: Promise.resolve(), closed, close: () => this.live.delete(entry) };
  }
}

function collector(filter: SubscriptionFilter): FeedSubscriber & { seqs: number[] } {
  const seqs: number[] = [];
  return { filter, seqs, deliver: (next) => seqs.push(next.seq!) };
}

const hooks = () => {
  const record = { newEvents: [] as number[], fatal: [] as unknown[] };
  return {
    record,
    hooks: {
      onNewEvent: (next: ProtocolEvent) => record.newEvents.push(next.seq!),
      onMalformedFrame: () => undefined,
      onFatal: (error: unknown) => record.fatal.push(error),
    },
  };
};

describe("EventFeed", () => {
  it("replays history to a late subscriber without re-delivering it to earlier ones", async () => {
    const server = new LogServer();
    const { record, hooks: feedHooks } = hooks();
    const feed = new EventFeed(server, feedHooks, { delayMs: () => 0 });
    const lifecycle = collector({ channels: ["lifecycle"] });
    await feed.add(lifecycle);
    server.emit(event(1, "lifecycle"));
    server.emit(event(2, "messages"));
    server.emit(event(3, "lifecycle"));
    const messages = collector({ channels: ["messages"] });
    await feed.add(messages);
    server.emit(event(4, "messages"));
    expect(lifecycle.seqs).toEqual([1, 3]);
    expect(messages.seqs).toEqual([2, 4]);
    expect(record.newEvents).toEqual([1, 3, 2, 4]);
    expect(server.opens).toHaveLength(2);
    feed.close();
  });

  it("coalesces subscribers added in the same tick into one connection", async () => {
    const server = new LogServer();
    const feed = new EventFeed(server, hooks().hooks);
    await Promise.all([feed.add(collector({ channels: ["values"] })), feed.add(collector({ channels: ["tools"] }))]);
    expect(server.opens).toHaveLength(1);
    expect(server.opens[0]!.channels).toEqual(["tools", "values"]);
    feed.close();
  });

  it("does not reopen for a covered subscriber when nothing it wants was delivered yet", async () => {
    const server = new LogServer();
    const feed = new EventFeed(server, hooks().hooks);
    await feed.add(collector({ channels: ["values", "messages"] }));
    server.emit(event(1, "values"));
    await feed.add(collector({ channels: ["messages"] }));
    expect(server.opens).toHaveLength(1);
    feed.close();
  });

  it("reconnects after a drop and every subscriber sees each event exactly once", async () => {
    const server = new LogServer();
    const feed = new EventFeed(server, hooks().hooks, { delayMs: () => 0 });
    const all = collector({ channels: ["messages", "lifecycle"] });
    await feed.add(all);
    server.emit(event(1, "lifecycle"));
    server.emit(event(2, "messages"));
    server.dropAll();
    server.log.push(event(3, "messages")); // produced while disconnected
    await new Promise((resolve) => setTimeout(resolve, 10));
    server.emit(event(4, "lifecycle"));
    expect(all.seqs).toEqual([1, 2, 3, 4]);
    feed.close();
  });

  it("gives up after maxAttempts consecutive failures and reports why", async () => {
    const server = new LogServer();
    const { record, hooks: feedHooks } = hooks();
    server.failOpens = [new Error("a"), new Error("b"), new Error("c")];
    const feed = new EventFeed(server, feedHooks, { maxAttempts: 2, delayMs: () => 0 });
    await expect(feed.add(collector({ channels: ["values"] }))).rejects.toBeInstanceOf(ReconnectExhaustedError);
    expect(record.fatal[0]).toBeInstanceOf(ReconnectExhaustedError);
    expect(server.opens).toHaveLength(3);
  });

  it("does not retry a non-retryable HTTP status", async () => {
    const server = new LogServer();
    const { record, hooks: feedHooks } = hooks();
    server.failOpens = [new HttpError(403, "forbidden", "http://x")];
    const feed = new EventFeed(server, feedHooks, { delayMs: () => 0 });
    await expect(feed.add(collector({ channels: ["values"] }))).rejects.toBeInstanceOf(HttpError);
    expect(server.opens).toHaveLength(1);
    expect(record.fatal).toHaveLength(1);
  });

  it("resets attempts once a reconnect makes progress", async () => {
    const server = new LogServer();
    const { record, hooks: feedHooks } = hooks();
    const feed = new EventFeed(server, feedHooks, { maxAttempts: 1, delayMs: () => 0 });
    const sub = collector({ channels: ["values"] });
    await feed.add(sub);
    for (let seq = 1; seq <= 3; seq += 1) {
      server.emit(event(seq, "values"));
      server.dropAll();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(record.fatal).toHaveLength(0);
    expect(sub.seqs).toEqual([1, 2, 3]);
    feed.close();
  });
});
