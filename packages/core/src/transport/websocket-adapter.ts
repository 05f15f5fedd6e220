import { TransportError } from "../protocol/errors";
import type { CommandResponse, ProtocolCommand, SubscriptionFilter } from "../protocol/types";
import type {
  AgentServerAdapter,
  EventConnection,
  EventConnectionHandlers,
  WebSocketFactory,
  WebSocketInit,
  WebSocketLike,
} from "./adapter";
import { joinUrl, toWebSocketUrl } from "./http";
import { parseFrame } from "./parse-frame";

/** Options of the WebSocket adapter. */
export interface WebSocketAdapterOptions {
  apiUrl: string;
  /** Defaults to the global `WebSocket`; Node 20 needs one built on `ws`. */
  webSocketFactory?: WebSocketFactory;
  /**
   * Sent with each upgrade request through `webSocketFactory` (the client's `apiKey` and
   * `headers`). The global `WebSocket` cannot send headers, so without a factory any header is
   * refused with a clear error instead of reaching the server unauthenticated.
   */
  headers?: Readonly<Record<string, string>>;
  /** First command id to use on sockets opened by this adapter; shared with the thread's counter. */
  nextCommandId: () => number;
}

const OPEN = 1;

interface PendingCommand {
  resolve(response: CommandResponse): void;
  reject(error: unknown): void;
}

/** Decodes binary frames (stateless: every frame is whole). */
const BINARY_FRAME_DECODER = new TextDecoder();

/** One socket: its pending commands and whether it delivers events. */
class Socket {
  readonly pending = new Map<number, PendingCommand>();
  readonly opened: Promise<void>;
  closedOnPurpose = false;

  constructor(
    readonly ws: WebSocketLike,
    private readonly handlers: EventConnectionHandlers,
    onGone: (socket: Socket, error: TransportError) => void,
  ) {
    this.opened = new Promise<void>((resolve, reject) => {
      ws.addEventListener("open", () => resolve());
      ws.addEventListener("error", () => reject(new TransportError("WebSocket failed to open")));
      ws.addEventListener("close", (event: { code?: number; reason?: string }) => {
        const error = new TransportError(
          `WebSocket closed (code ${event.code ?? "?"}${event.reason ? `: ${event.reason}` : ""})`,
        );
        reject(error);
        for (const command of this.pending.values()) command.reject(error);
        this.pending.clear();
        onGone(this, error);
      });
    });
    this.opened.catch(() => undefined);
    ws.addEventListener("message", (event: { data: unknown }) => this.#receive(event.data));
  }

  #receive(data: unknown): void {
    const raw = typeof data === "string" ? data : BINARY_FRAME_DECODER.decode(data as ArrayBuffer);
    const frame = parseFrame(raw);
    if (frame.kind === "response") {
      const id = frame.response.id;
      if (id === null) return; // Uncorrelated server errors are diagnostics only (spec §3.11).
      const command = this.pending.get(id);
      if (!command) return; // A sticky re-sent subscribe reply for an old command: nothing waits for it.
      this.pending.delete(id);
      command.resolve(frame.response);
    } else if (frame.kind === "event") {
      this.handlers.onEvent(frame.event);
    } else if (frame.kind === "malformed") {
      this.handlers.onMalformedFrame(raw, frame.cause);
    }
  }

  async send(command: ProtocolCommand): Promise<CommandResponse> {
    await this.opened;
    if (this.ws.readyState !== OPEN) throw new TransportError("WebSocket is not open");
    return new Promise<CommandResponse>((resolve, reject) => {
      this.pending.set(command.id, { resolve, reject });
      this.ws.send(JSON.stringify(command));
    });
  }

  close(): void {
    this.closedOnPurpose = true;
    this.ws.close(1000, "client closed");
  }
}

const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

/** The default factory: the global `WebSocket`, which can send no headers. */
function nativeWebSocket(url: string, init: WebSocketInit): WebSocketLike {
  const headerNames = Object.keys(init.headers);
  if (headerNames.length > 0) {
    throw new TransportError(
      `The WebSocket transport cannot send ${headerNames.join(", ")} with the global WebSocket (browsers allow no ` +
        "headers on it). Use transport: \"sse\", authenticate with cookies, or pass a webSocketFactory(url, { headers }) " +
        "that can send them (Node: the `ws` package).",
    );
  }
  const Native = (globalThis as { WebSocket?: new (url: string) => WebSocketLike }).WebSocket;
  if (!Native) {
    throw new TransportError(
      "No global WebSocket (Node 20): pass webSocketFactory, e.g. (url, { headers }) => new WebSocket(url, { headers }) from the `ws` package.",
    );
  }
  return new Native(url);
}

/**
 * Commands and events over `GET /threads/{id}/stream/events` upgraded to a WebSocket.
 * Browsers cannot send headers on a WebSocket: authenticate with cookies, or pass a factory that
 * sends `init.headers` (Node's `ws` can).
 *
 * @example
 * const adapter = new WebSocketAdapter({ apiUrl, webSocketFactory: (url) => new WebSocket(url), nextCommandId });
 */
export class WebSocketAdapter implements AgentServerAdapter {
  readonly kind = "websocket";
  readonly replaysOnOpen = true;
  #threadId: string | undefined;
  readonly #sockets: Socket[] = [];
  #openWaiters: { resolve(socket: Socket): void; reject(error: unknown): void }[] = [];
  #lastHandlers: EventConnectionHandlers | undefined;
  #closed = false;

  constructor(private readonly options: WebSocketAdapterOptions) {}

  bind(threadId: string): void {
    this.#threadId = threadId;
  }

  #open(handlers: EventConnectionHandlers | undefined, onGone: (error: TransportError) => void): Socket {
    if (this.#threadId === undefined) throw new Error("WebSocketAdapter used before bind(threadId)");
    const factory = this.options.webSocketFactory ?? nativeWebSocket;
    const url = toWebSocketUrl(
      joinUrl(this.options.apiUrl, `/threads/${encodeURIComponent(this.#threadId)}/stream/events`),
    );
    const ws = factory(url, { headers: this.options.headers ?? NO_HEADERS });
    // A command-only socket still reports malformed frames through the newest event handlers.
    const socket = new Socket(ws, handlers ?? this.#fallbackHandlers, (gone, error) => {
      const index = this.#sockets.indexOf(gone);
      if (index >= 0) this.#sockets.splice(index, 1);
      onGone(error);
    });
    this.#sockets.push(socket);
    socket.opened.then(
      () => {
        const waiters = this.#openWaiters;
        this.#openWaiters = [];
        for (const waiter of waiters) waiter.resolve(socket);
      },
      () => undefined,
    );
    return socket;
  }

  readonly #fallbackHandlers: EventConnectionHandlers = {
    onEvent: () => undefined, // Events on a command-only socket duplicate the event socket's.
    onMalformedFrame: (raw, cause) => this.#lastHandlers?.onMalformedFrame(raw, cause),
  };

  async send(command: ProtocolCommand): Promise<CommandResponse> {
    return (await this.#socketForCommands()).send(command);
  }

  /**
   * Commands ride an open socket, newest first (during a rotation the new one outlives the old).
   * While the event socket is still connecting or reconnecting, wait for it rather than opening
   * a second socket; open a command-only socket only when there is no event socket at all.
   */
  async #socketForCommands(): Promise<Socket> {
    if (this.#closed) throw new TransportError("WebSocket adapter closed");
    const open = this.#sockets.filter((socket) => socket.ws.readyState === OPEN).at(-1);
    if (open) return open;
    if (this.#sockets.length === 0) await Promise.resolve(); // the thread opens its feed in a microtask
    if (this.#sockets.length === 0) return this.#open(undefined, () => undefined);
    return new Promise<Socket>((resolve, reject) => this.#openWaiters.push({ resolve, reject }));
  }

  openEvents(filter: SubscriptionFilter, handlers: EventConnectionHandlers): EventConnection {
    this.#lastHandlers = handlers;
    let settleClosed!: { resolve(): void; reject(error: unknown): void };
    const closed = new Promise<void>((resolve, reject) => (settleClosed = { resolve, reject }));
    closed.catch(() => undefined);
    const socket = this.#open(handlers, (error) => {
      if (socket.closedOnPurpose) settleClosed.resolve();
      else settleClosed.reject(error);
    });
    const ready = (async () => {
      await socket.opened;
      const response = await socket.send({
        id: this.options.nextCommandId(),
        method: "subscription.subscribe",
        params: { ...filter } as Record<string, unknown>,
      });
      if (response.type === "error") {
        throw new TransportError(`subscription.subscribe failed: ${response.message}`);
      }
    })();
    ready.catch(() => undefined);
    return {
      ready,
      closed,
      close: () => {
        if (socket.pending.size === 0) {
          socket.close();
          return;
        }
        // Let commands in flight on this socket get their answers before it goes.
        socket.closedOnPurpose = true;
        void Promise.allSettled(
          [...socket.pending.keys()].map(
            (id) =>
              new Promise<void>((resolve) => {
                const entry = socket.pending.get(id)!;
                socket.pending.set(id, {
                  resolve: (value) => (entry.resolve(value), resolve()),
                  reject: (error) => (entry.reject(error), resolve()),
                });
              }),
          ),
        ).then(() => socket.close());
      },
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    const waiters = this.#openWaiters;
    this.#openWaiters = [];
    for (const waiter of waiters) waiter.reject(new TransportError("WebSocket adapter closed"));
    for (const socket of [...this.#sockets]) socket.close();
  }
}
