/**
 * Starts what `pnpm demo` runs: the agent server with the `demo` assistant and the Vite dev server
 * of the chat app, wired to each other. The end-to-end test starts them through this too.
 */
import { fileURLToPath } from "node:url";
import { type AgentServer, startAgentServer } from "@agent-stream/agent-server";
import { createServer, type ViteDevServer } from "vite";

/** Options of {@link startDemo}. */
export interface DemoOptions {
  /** Port of the page; `0` picks a free one. Default: `PORT` or 5173 (the next free one if taken). */
  port?: number;
  /** Port of the agent server; `0` picks a free one. Default: `AGENT_PORT` or 2024 (a free one if taken). */
  agentPort?: number;
  /** Per-token delay of the scripted model in ms (default: `AGENT_STREAM_TOKEN_DELAY_MS` or 30). */
  tokenDelayMs?: number;
}

/** The running demo. */
export interface RunningDemo {
  /** The page, e.g. `http://127.0.0.1:5173/`. */
  url: string;
  /** The agent server the page talks to. */
  agentUrl: string;
  /** Stops both servers. */
  close(): Promise<void>;
}

const DEFAULT_PAGE_PORT = 5173;
const DEFAULT_AGENT_PORT = 2024;
/** Slow enough to watch the reply stream in, fast enough that a whole demo run takes seconds. */
const DEFAULT_TOKEN_DELAY_MS = 30;
const TOKEN_DELAY_ENV = "AGENT_STREAM_TOKEN_DELAY_MS";
const HOST = "127.0.0.1";
const appRoot = fileURLToPath(new URL("..", import.meta.url));

function portFromEnvironment(name: string): number | undefined {
  const value = process.env[name];
  if (value === undefined || value.trim() === "") return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`${name} must be an integer between 0 and 65535, got "${value}".`);
  }
  return port;
}

const isAddressInUse = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === "EADDRINUSE";

/** The agent server on `port`; on the default port, a free one when another process holds it. */
async function startAgent(port: number | undefined): Promise<AgentServer> {
  if (port !== undefined) return startAgentServer({ port, host: HOST });
  try {
    return await startAgentServer({ port: DEFAULT_AGENT_PORT, host: HOST });
  } catch (error) {
    if (!isAddressInUse(error)) throw error;
    return startAgentServer({ port: 0, host: HOST });
  }
}

async function startPage(port: number | undefined, agentUrl: string): Promise<ViteDevServer> {
  const vite = await createServer({
    root: appRoot,
    configFile: fileURLToPath(new URL("../vite.config.ts", import.meta.url)),
    logLevel: "warn",
    clearScreen: false,
    define: { "import.meta.env.VITE_AGENT_SERVER_URL": JSON.stringify(agentUrl) },
    // An explicit port must be the one used; the default moves on to the next free port.
    server: { host: HOST, port: port ?? DEFAULT_PAGE_PORT, strictPort: port !== undefined },
  });
  await vite.listen();
  return vite;
}

/**
 * Starts the agent server and the chat app's dev server; resolves once both listen.
 *
 * @example
 * const demo = await startDemo({ port: 0, agentPort: 0 });
 * console.log(demo.url);
 * await demo.close();
 */
export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const tokenDelay = options.tokenDelayMs ?? process.env[TOKEN_DELAY_ENV] ?? DEFAULT_TOKEN_DELAY_MS;
  // The scripted models read their delay from the environment of this process.
  process.env[TOKEN_DELAY_ENV] = String(tokenDelay);
  const agent = await startAgent(options.agentPort ?? portFromEnvironment("AGENT_PORT"));
  let vite: ViteDevServer;
  try {
    vite = await startPage(options.port ?? portFromEnvironment("PORT"), agent.url);
  } catch (error) {
    await agent.close();
    throw error;
  }
  const url = vite.resolvedUrls?.local[0] ?? `http://${HOST}:${String(vite.config.server.port)}/`;
  let closing: Promise<void> | undefined;
  return {
    url,
    agentUrl: agent.url,
    close: () => (closing ??= Promise.all([vite.close(), agent.close()]).then(() => undefined)),
  };
}
