import { startAgentServer } from "@agent-stream/agent-server";
import type { TestProject } from "vitest/node";

/** The one agent server of this vitest process, shared by every project that runs this setup. */
interface SharedAgentServer {
  server: Promise<{ url: string; close(): Promise<void> }>;
  users: number;
}

// Each vitest project imports this file through its own module runner, so module-level
// state is per project; the key on globalThis is what makes one server serve them all.
const SHARED_KEY = Symbol.for("@agent-stream/test-kit/agent-server");
type GlobalWithServer = typeof globalThis & { [SHARED_KEY]?: SharedAgentServer };

/**
 * vitest `globalSetup`: starts one agent server on a free port for the whole run and
 * provides its URL as `inject("agentServerUrl")` and `process.env.AGENT_SERVER_URL`.
 * Calls are reference counted, so two projects (or vitest calling setup twice) share one server
 * and the last teardown closes it.
 *
 * @example
 * // vitest.config.ts, in a project
 * test: { globalSetup: ["packages/test-kit/src/global-setup.ts"] }
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const holder = globalThis as GlobalWithServer;
  const shared = (holder[SHARED_KEY] ??= { server: startAgentServer({ port: 0 }), users: 0 });
  shared.users += 1;
  let server: Awaited<SharedAgentServer["server"]>;
  try {
    server = await shared.server;
  } catch (error) {
    releaseShared(holder, shared);
    throw new Error(`test-kit global setup could not start the agent server: ${String(error)}`, { cause: error });
  }
  project.provide("agentServerUrl", server.url);
  process.env.AGENT_SERVER_URL = server.url;
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    if (releaseShared(holder, shared)) {
      delete process.env.AGENT_SERVER_URL;
      await server.close();
    }
  };
}

/** Drops one user of the shared server; true when it was the last one. */
function releaseShared(holder: GlobalWithServer, shared: SharedAgentServer): boolean {
  shared.users -= 1;
  if (shared.users > 0) return false;
  if (holder[SHARED_KEY] === shared) delete holder[SHARED_KEY];
  return true;
}
