import { v7 as uuidv7 } from "uuid";
import type { AgentServerAdapter, FetchLike, WebSocketFactory } from "../transport/adapter";
import type { ReconnectOptions } from "../transport/backoff";
import { headersFor, httpErrorFrom, joinUrl, resolveFetch } from "../transport/http";
import { SseAdapter } from "../transport/sse-adapter";
import { WebSocketAdapter } from "../transport/websocket-adapter";
import { ThreadStream } from "../thread/thread-stream";

/** Options of `Client`. */
export interface ClientOptions {
  /** Base URL of the agent server; a path prefix is kept. */
  apiUrl: string;
  /** Sent as `x-api-key` with every HTTP request to `apiUrl`'s origin (and given to `webSocketFactory`). */
  apiKey?: string;
  /** Extra headers for every HTTP request to `apiUrl`'s origin (and given to `webSocketFactory`). */
  headers?: Record<string, string>;
  /** `fetch` to use (auth shims, tests). Defaults to the global one. */
  fetch?: FetchLike;
}

/** Options of `client.threads.stream`. */
export interface ThreadStreamConnectOptions {
  assistantId: string;
  /** `"sse"` (default), `"websocket"`, or your own adapter. */
  transport?: "sse" | "websocket" | AgentServerAdapter;
  fetch?: FetchLike;
  /** WebSocket constructor for environments without a global one (Node 20: build one on `ws`). */
  webSocketFactory?: WebSocketFactory;
  reconnect?: ReconnectOptions;
}

/** A thread's state as the REST API returns it. */
export interface ThreadState<TValues = Record<string, unknown>> {
  values: TValues;
  next: string[];
  tasks: { id: string; name: string; error: string | null; interrupts: { id: string; value: unknown }[] }[];
  metadata: Record<string, unknown>;
  created_at: string | null;
  checkpoint: { thread_id?: string; checkpoint_ns?: string; checkpoint_id?: string } | null;
  parent_checkpoint: { checkpoint_id?: string } | null;
}

/** A thread as the REST API lists it. */
export interface ThreadInfo<TValues = Record<string, unknown>> {
  thread_id: string;
  created_at: string;
  updated_at: string;
  /** The agent server tags each thread with `graph_id` and `assistant_id`. */
  metadata: Record<string, unknown>;
  /** `idle`, `busy`, `interrupted` or `error`, where the server reports it. */
  status?: string;
  values?: TValues;
}

/** Query of `client.threads.search`. */
export interface ThreadSearchQuery {
  /** Threads whose metadata contains these pairs. */
  metadata?: Record<string, unknown>;
  status?: "idle" | "busy" | "interrupted" | "error";
  /** Page size (server default when omitted). */
  limit?: number;
  offset?: number;
  sortBy?: "thread_id" | "status" | "created_at" | "updated_at";
  sortOrder?: "asc" | "desc";
}

/**
 * Entry point to an agent server: thread streams, thread records, search, state and history, run cancel.
 *
 * @example
 * const client = new Client({ apiUrl: "http://localhost:2024" });
 * const thread = client.threads.stream(undefined, { assistantId: "agent" });
 */
export class Client {
  readonly #options: ClientOptions;

  constructor(options: ClientOptions) {
    this.#options = options;
  }

  get apiUrl(): string {
    return this.#options.apiUrl;
  }

  /** Thread operations. */
  readonly threads = {
    /** Opens a `ThreadStream` on `threadId` (a UUIDv7 is minted when omitted). */
    stream: <TState = Record<string, unknown>>(
      threadId: string | undefined,
      options: ThreadStreamConnectOptions,
    ): ThreadStream<TState> => this.#stream<TState>(threadId ?? uuidv7(), options),
    /** The thread's record; `null` when the thread does not exist. */
    get: <TValues = Record<string, unknown>>(threadId: string): Promise<ThreadInfo<TValues> | null> =>
      this.#request(`/threads/${encodeURIComponent(threadId)}`, { method: "GET" }, { nullOn404: true }),
    /**
     * Lists threads (for a thread picker): filtered by metadata or status, paged and sorted.
     *
     * @example
     * const recent = await client.threads.search({ limit: 20, sortBy: "updated_at", sortOrder: "desc" });
     */
    search: <TValues = Record<string, unknown>>(query: ThreadSearchQuery = {}): Promise<ThreadInfo<TValues>[]> =>
      this.#request("/threads/search", {
        method: "POST",
        // Absent options are `undefined`, which JSON leaves out.
        body: JSON.stringify({
          metadata: query.metadata,
          status: query.status,
          limit: query.limit,
          offset: query.offset,
          sort_by: query.sortBy,
          sort_order: query.sortOrder,
        }),
      }),
    /** The thread's current state; `null` when the thread does not exist. */
    getState: <TValues = Record<string, unknown>>(threadId: string): Promise<ThreadState<TValues> | null> =>
      this.#request(`/threads/${encodeURIComponent(threadId)}/state`, { method: "GET" }, { nullOn404: true }),
    /** Checkpoints of the thread, newest first. */
    getHistory: <TValues = Record<string, unknown>>(
      threadId: string,
      options: { limit?: number; before?: string; checkpoint?: Record<string, unknown> } = {},
    ): Promise<ThreadState<TValues>[]> =>
      this.#request(`/threads/${encodeURIComponent(threadId)}/history`, {
        method: "POST",
        body: JSON.stringify({
          limit: options.limit ?? 10,
          ...(options.before ? { before: { configurable: { checkpoint_id: options.before } } } : {}),
          ...(options.checkpoint ? { checkpoint: options.checkpoint } : {}),
        }),
      }),
  };

  /** Run operations. */
  readonly runs = {
    /** Cancels a run on the server (`action` interrupt by default). */
    cancel: async (
      threadId: string,
      runId: string,
      options: { wait?: boolean; action?: "interrupt" | "rollback" } = {},
    ): Promise<void> => {
      const query = `wait=${options.wait ? 1 : 0}&action=${options.action ?? "interrupt"}`;
      await this.#request(
        `/threads/${encodeURIComponent(threadId)}/runs/${encodeURIComponent(runId)}/cancel?${query}`,
        { method: "POST" },
      );
    },
  };

  get #headers(): Record<string, string> {
    return {
      ...(this.#options.apiKey ? { "x-api-key": this.#options.apiKey } : {}),
      ...this.#options.headers,
    };
  }

  #stream<TState>(threadId: string, options: ThreadStreamConnectOptions): ThreadStream<TState> {
    let counter = 0;
    const nextCommandId = () => (counter += 1);
    const transport = options.transport ?? "sse";
    const adapter: AgentServerAdapter =
      transport === "sse"
        ? new SseAdapter({
            apiUrl: this.#options.apiUrl,
            headers: this.#headers,
            fetch: options.fetch ?? this.#options.fetch,
          })
        : transport === "websocket"
          ? new WebSocketAdapter({
              apiUrl: this.#options.apiUrl,
              webSocketFactory: options.webSocketFactory,
              headers: this.#headers,
              nextCommandId,
            })
          : transport;
    return new ThreadStream<TState>({
      threadId,
      assistantId: options.assistantId,
      adapter,
      reconnect: options.reconnect,
      nextCommandId,
    });
  }

  async #request<T>(path: string, init: RequestInit, options: { nullOn404?: boolean } = {}): Promise<T> {
    const url = joinUrl(this.#options.apiUrl, path);
    const fetcher = resolveFetch(this.#options.fetch);
    const response = await fetcher(url, {
      ...init,
      headers: headersFor(url, this.#options.apiUrl, this.#headers, { "content-type": "application/json" }),
    });
    if (options.nullOn404 && response.status === 404) return null as T;
    if (!response.ok) throw await httpErrorFrom(response, url);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
