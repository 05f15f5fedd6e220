import { WebSocket } from "ws";

/** A `webSocketFactory` for Node, where `ws`'s WebSocket stands in for the browser's. */
export type NodeWebSocketFactory = (url: string, init?: { readonly headers: Readonly<Record<string, string>> }) => WebSocket;

/**
 * Opens a WebSocket with the `ws` package, for Node tests (Node 20 has no global `WebSocket`).
 * `ws` implements the browser subset the core uses: `readyState`, `send`, `close`, and
 * `addEventListener`/`removeEventListener` for `open`, `message` (text frames arrive as
 * strings), `close` and `error`. Unlike a browser's, it sends the client's headers (`apiKey`,
 * `headers`) with the upgrade request.
 *
 * @example
 * const thread = createThreadStream({ apiUrl, transport: "websocket", webSocketFactory: nodeWebSocketFactory });
 */
export const nodeWebSocketFactory: NodeWebSocketFactory = (url, init) => new WebSocket(url, { headers: { ...init?.headers } });
