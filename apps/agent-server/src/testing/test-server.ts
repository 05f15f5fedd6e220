/**
 * One agent server per test file, with the SSE streams each test opened closed after it.
 */
import { afterAll, afterEach, beforeAll } from "vitest";
import { type AgentServer, startAgentServer } from "../server.js";
import { type SseEventStream, type StartedRun, startRun } from "./protocol-client.js";

/** What {@link useTestServer} gives a test file. */
export interface TestServer {
  readonly url: string;
  readonly port: number;
  readonly assistantIds: readonly string[];
  /** Closes `stream` after the current test. */
  track(stream: SseEventStream): SseEventStream;
  /** Starts a run on a new thread (its stream closed after the test). */
  startRun(assistantId: string, input: unknown, tokenDelayMs?: number): Promise<StartedRun>;
}

/**
 * Call at the top of a test file: starts the server before the tests and closes it after them.
 *
 * @example
 * const server = useTestServer();
 * it("runs", async () => { const started = await server.startRun("text", humanInput("hi")); });
 */
export function useTestServer(): TestServer {
  let server: AgentServer | undefined;
  const openStreams: SseEventStream[] = [];
  beforeAll(async () => {
    server = await startAgentServer({ port: 0 });
  });
  afterEach(() => {
    for (const stream of openStreams.splice(0)) stream.close();
  });
  afterAll(async () => {
    await server?.close();
  });
  const current = (): AgentServer => {
    if (server === undefined) throw new Error("useTestServer(): the server starts in beforeAll; use it inside tests.");
    return server;
  };
  const track = (stream: SseEventStream): SseEventStream => {
    openStreams.push(stream);
    return stream;
  };
  return {
    get url() {
      return current().url;
    },
    get port() {
      return current().port;
    },
    get assistantIds() {
      return current().assistantIds;
    },
    track,
    async startRun(assistantId, input, tokenDelayMs = 1) {
      const started = await startRun(current().url, assistantId, input, { tokenDelayMs });
      track(started.stream);
      return started;
    },
  };
}
