/**
 * Option normalisation shared by every binding: client construction and "must the controller be rebuilt".
 */
import { Client } from "../client/client";
import type { HeadlessToolsOptions } from "../headless-tools/types";
import type { ReconnectOptions } from "../transport/backoff";
import type { AgentServerAdapter, FetchLike, WebSocketFactory } from "../transport/adapter";
import { StreamController } from "./stream-controller";
import type { StreamCallbacks, StreamControllerOptions } from "./types";

/**
 * What a binding accepts: a `client`, or `apiUrl` (+ `apiKey`, `headers`) to build one. Client-side
 * tools (`tools`, `onTool`) are part of the options, answered without a rebuild.
 *
 * @example
 * const options: StreamOptions = { assistantId: "agent", apiUrl: "http://localhost:2024", transport: "websocket" };
 */
export interface StreamOptions<TState = Record<string, unknown>> extends StreamCallbacks, HeadlessToolsOptions {
  assistantId: string;
  client?: Client;
  apiUrl?: string;
  apiKey?: string;
  headers?: Record<string, string>;
  /** Used when building the client and the event streams; not part of the rebuild key. */
  fetch?: FetchLike;
  transport?: "sse" | "websocket" | AgentServerAdapter;
  /** Not part of the rebuild key (the first one is kept). */
  webSocketFactory?: WebSocketFactory;
  reconnect?: ReconnectOptions;
  threadId?: string | null;
  initialValues?: TState;
  messagesKey?: string;
  optimistic?: boolean;
  throttleMs?: number;
}

/** Result of {@link normalizeStreamOptions}. */
export interface NormalizedStreamOptions<TState> {
  /** Ready for `new StreamController(...)`. */
  readonly controllerOptions: StreamControllerOptions<TState>;
  /** Equal keys mean the existing controller can be kept (compare with `===`). */
  readonly rebuildKey: string;
}

const objectIds = new WeakMap<object, number>();
let nextObjectId = 0;

/** A stable number per object, for keys that must follow identity (clients, adapters). */
function identityOf(value: object): number {
  let id = objectIds.get(value);
  if (id === undefined) {
    nextObjectId += 1;
    id = nextObjectId;
    objectIds.set(value, id);
  }
  return id;
}

function sortedEntries(record: Record<string, string> | undefined): [string, string][] {
  return Object.entries(record ?? {}).sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
}

/** The server options an app can set once for every stream (a Vue plugin, Angular providers). */
export interface ServerOptions {
  client?: Client;
  apiUrl?: string;
  apiKey?: string;
}

/**
 * The server a stream talks to: one that names its own `client` or `apiUrl` uses none of the
 * defaults' server; otherwise the defaults' `client` / `apiUrl` apply. `apiKey` falls back to the
 * defaults' either way.
 *
 * @example
 * const server = resolveServerOptions({ apiUrl: undefined }, { apiUrl: "http://localhost:2024" });
 */
export function resolveServerOptions(own: ServerOptions, defaults: ServerOptions): ServerOptions {
  const ownServer = own.client !== undefined || own.apiUrl !== undefined;
  return {
    client: ownServer ? own.client : defaults.client,
    apiUrl: own.apiUrl ?? (ownServer ? undefined : defaults.apiUrl),
    apiKey: own.apiKey ?? defaults.apiKey,
  };
}

/**
 * The value-based identity of the options that need a new controller when they change: the
 * server (client identity, or `apiUrl` + `apiKey` + headers), the assistant, the transport kind
 * (an adapter by identity), `messagesKey` and `throttleMs`. Callbacks, `threadId` (handled by
 * `hydrate`), `initialValues` and `optimistic` never force a rebuild.
 *
 * @example
 * controllerRebuildKey({ assistantId: "a", apiUrl: "http://x", headers: { b: "1" } }) ===
 *   controllerRebuildKey({ apiUrl: "http://x", headers: { b: "1" }, assistantId: "a" }); // true
 */
export function controllerRebuildKey(options: StreamOptions<unknown>): string {
  const transport = options.transport;
  return JSON.stringify([
    options.assistantId,
    options.client !== undefined ? identityOf(options.client) : null,
    options.client === undefined ? (options.apiUrl ?? null) : null,
    options.client === undefined ? (options.apiKey ?? null) : null,
    options.client === undefined ? sortedEntries(options.headers) : null,
    typeof transport === "object" ? identityOf(transport) : (transport ?? "sse"),
    options.messagesKey ?? "messages",
    options.throttleMs ?? 0,
  ]);
}

/**
 * Validates binding options, builds the client when none is given, and computes the rebuild key.
 * Throws for misuse (no `assistantId`, neither `client` nor `apiUrl`).
 *
 * @example
 * const { controllerOptions, rebuildKey } = normalizeStreamOptions({ assistantId: "agent", apiUrl });
 * const controller = new StreamController(controllerOptions);
 */
export function normalizeStreamOptions<TState>(options: StreamOptions<TState>): NormalizedStreamOptions<TState> {
  if (typeof options.assistantId !== "string" || options.assistantId.length === 0) {
    throw new TypeError('Stream options need an assistantId (the graph id, e.g. { assistantId: "agent" }).');
  }
  const isAdapter = typeof options.transport === "object";
  if (options.client === undefined && options.apiUrl === undefined && !isAdapter) {
    throw new TypeError("Stream options need either a `client` or an `apiUrl` (e.g. { apiUrl: \"http://localhost:2024\" }).");
  }
  const client =
    options.client ??
    new Client({ apiUrl: options.apiUrl ?? "", apiKey: options.apiKey, headers: options.headers, fetch: options.fetch });
  const { apiUrl: _apiUrl, apiKey: _apiKey, headers: _headers, client: _client, ...rest } = options;
  return { controllerOptions: { ...rest, client }, rebuildKey: controllerRebuildKey(options) };
}

/**
 * Whether options changed in a way that needs a new controller (compared by value).
 *
 * @example
 * if (mustRebuildController(previousOptions, nextOptions)) controller = createStreamController(nextOptions);
 */
export function mustRebuildController(previous: StreamOptions<unknown>, next: StreamOptions<unknown>): boolean {
  return controllerRebuildKey(previous) !== controllerRebuildKey(next);
}

/**
 * Normalises `options` and builds a controller.
 *
 * @example
 * const controller = createStreamController({ assistantId: "agent", apiUrl: "http://localhost:2024" });
 */
export function createStreamController<TState extends Record<string, unknown> = Record<string, unknown>, TInterrupt = unknown>(
  options: StreamOptions<TState>,
): StreamController<TState, TInterrupt> {
  return new StreamController<TState, TInterrupt>(normalizeStreamOptions(options).controllerOptions);
}
