import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { createNodeWebSocket } from "@hono/node-ws";
import { MemorySaver } from "@langchain/langgraph-checkpoint";
import { createEmbedServer } from "@langchain/langgraph-api/experimental/embed";
import { Hono } from "hono";
import { cors } from "hono/cors";
import { type AnyGraph, createGraphs } from "./graphs/registry.js";
import { type CancelAction, RunRegistry } from "./run-control.js";
import { createMemoryThreadStore } from "./thread-store.js";
import { installInterruptedTerminal } from "./terminal-status.js";
import { observeTransformerPromises } from "./transformer-promises.js";

/** Options of {@link startAgentServer}. */
export interface AgentServerOptions {
  /** TCP port; `0` (the default) picks a free one. */
  port?: number;
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string;
  /** Graphs to serve, keyed by assistant id (default: a fresh instance of every registered graph). */
  graphs?: Record<string, AnyGraph>;
}

/** A running agent server. */
export interface AgentServer {
  /** Base URL, e.g. `http://127.0.0.1:2024`. */
  url: string;
  port: number;
  /** Assistant ids served. */
  assistantIds: string[];
  /** Cancels runs in flight, drops SSE and WebSocket connections and stops listening. */
  close(): Promise<void>;
}

const CANCEL_ACTIONS = new Set<string>(["interrupt", "rollback"]);

const listen = (app: Hono, port: number, host: string): Promise<ServerType> =>
  new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(server));
    server.once("error", reject);
  });

const publicHost = (host: string): string =>
  host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;

function buildApp(graphs: Record<string, AnyGraph>, runs: RunRegistry) {
  const app = new Hono();
  app.use("*", cors({ origin: "*" }));
  const webSocket = createNodeWebSocket({ app });
  app.get("/ok", (context) => context.json({ ok: true }));
  // The embed server accepts run.start for an unknown assistant and then fails the run without a
  // message; answer 404 up front instead, as `langgraph dev` does.
  app.use("/threads/:thread_id/commands", async (context, next) => {
    // Unparsable bodies pass through: the embed route answers them with its own 400.
    const command: unknown = await context.req.json().catch(() => undefined);
    const parsed = (command as { method?: unknown; params?: { assistant_id?: unknown } } | undefined) ?? {};
    const assistantId = parsed.params?.assistant_id;
    if (parsed.method === "run.start" && typeof assistantId === "string" && !Object.hasOwn(graphs, assistantId)) {
      const known = Object.keys(graphs).join(", ");
      return context.json({ error: `Assistant "${assistantId}" not found; known assistants: ${known}` }, 404);
    }
    return next();
  });
  // Registered before the embed routes: the embed cancel route only drops queued REST runs.
  app.post("/threads/:thread_id/runs/:run_id/cancel", async (context) => {
    const threadId = context.req.param("thread_id");
    const runId = context.req.param("run_id");
    const action = context.req.query("action") ?? "interrupt";
    if (!CANCEL_ACTIONS.has(action)) {
      return context.json({ error: `Unknown cancel action "${action}"; use interrupt or rollback` }, 422);
    }
    const wait = ["1", "true"].includes(context.req.query("wait") ?? "0");
    if (!runs.has(threadId, runId)) return context.json({ error: `Run not found: ${runId}` }, 404);
    await runs.cancel(threadId, runId, action as CancelAction, wait);
    return context.body(null, 204);
  });
  const embed = createEmbedServer({
    graph: graphs,
    threads: createMemoryThreadStore(),
    checkpointer: new MemorySaver(),
    upgradeWebSocket: webSocket.upgradeWebSocket,
  });
  app.route("/", embed);
  return { app, webSocket };
}

/**
 * Starts the real LangGraph agent server (the `@langchain/langgraph-api` embed server) with the fixture graphs.
 *
 * Serves the thread-centric protocol (`POST /threads/:id/commands`, SSE on
 * `POST /threads/:id/stream/events`, WebSocket on `GET /threads/:id/stream/events`), the REST
 * thread routes and a working run cancel, with CORS open to every origin.
 *
 * @example
 * ```ts
 * const server = await startAgentServer({ port: 0 });
 * console.log(server.url); // http://127.0.0.1:54321
 * await server.close();
 * ```
 */
export async function startAgentServer(options: AgentServerOptions = {}): Promise<AgentServer> {
  const host = options.host ?? "127.0.0.1";
  const runs = new RunRegistry({ interruptSupported: await installInterruptedTerminal() });
  const graphs = Object.fromEntries(
    Object.entries(options.graphs ?? createGraphs()).map(([id, graph]) => [id, runs.instrument(observeTransformerPromises(graph))]),
  );
  const { app, webSocket } = buildApp(graphs, runs);
  const server = await listen(app, options.port ?? 0, host);
  webSocket.injectWebSocket(server);
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  const close = async () => {
    await runs.cancelAll();
    for (const client of webSocket.wss.clients) client.terminate();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Open SSE responses never end on their own; drop them so close() completes.
      if ("closeAllConnections" in server) server.closeAllConnections();
    });
    webSocket.wss.close();
  };
  return {
    url: `http://${publicHost(host)}:${port}`,
    port,
    assistantIds: Object.keys(graphs),
    close: () => (closing ??= close()),
  };
}
