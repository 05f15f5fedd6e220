import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { FAILING_ERROR_MESSAGE } from "./graphs/failing.js";
import { SLOW_TOKEN_COUNT } from "./graphs/slow.js";
import { textReply } from "./graphs/text.js";
import { startAgentServer } from "./server.js";
import {
  humanInput,
  isRootTerminal,
  sendCommand,
  SseEventStream,
  startRun,
  streamedText,
  type WireEvent,
} from "./testing/protocol-client.js";
import { useTestServer } from "./testing/test-server.js";

const server = useTestServer();
const run = (assistantId: string, input: unknown, tokenDelayMs = 1) => server.startRun(assistantId, input, tokenDelayMs);

const textDeltas = (events: WireEvent[]) =>
  events.filter((event) => event.method === "messages" && event.params.data.delta?.type === "text-delta");

const cancel = (threadId: string, runId: string, query: string) =>
  fetch(`${server.url}/threads/${threadId}/runs/${runId}/cancel?${query}`, { method: "POST" });

describe("server", () => {
  it("listens on a free port of 127.0.0.1 and lists every assistant", () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    expect(server.assistantIds).toEqual(expect.arrayContaining(["text", "tool_agent", "hitl", "demo", "slow"]));
  });

  it("answers CORS preflights from any origin", async () => {
    const response = await fetch(`${server.url}/threads/x/commands`, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:5173", "access-control-request-method": "POST" },
    });
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("rejects run.start for an unknown assistant with 404", async () => {
    const response = await fetch(`${server.url}/threads/${crypto.randomUUID()}/commands`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id: 1, method: "run.start", params: { assistant_id: "nope", input: null } }),
    });
    expect(response.status).toBe(404);
    expect((await response.json()).error).toContain('Assistant "nope" not found');
  });
});

describe("failing", () => {
  it("streams a few tokens, then ends with root failed carrying the error", async () => {
    const { stream } = await run("failing", humanInput("go"));
    const terminal = await stream.waitFor(isRootTerminal);
    expect(terminal.params.data.event).toBe("failed");
    expect(JSON.parse(terminal.params.data.error)).toEqual({ error: "Error", message: FAILING_ERROR_MESSAGE });
    expect(streamedText(stream.events)).toBe("Starting the answer and ");
    const childFailed = stream.events.filter(
      (event) =>
        event.method === "lifecycle" && event.params.namespace.length === 1 && event.params.data.event === "failed",
    );
    expect(childFailed).toHaveLength(1);
  });
});

describe("run cancel", () => {
  it("stops a streaming run with action=interrupt: root interrupted, no input request", async () => {
    const { stream, threadId, runId } = await run("slow", humanInput("count"), 20);
    await stream.waitFor((event) => textDeltas(stream.events).length >= 3 && event.method === "messages");
    const response = await cancel(threadId, runId, "action=interrupt&wait=1");
    expect(response.status).toBe(204);
    const terminal = await stream.waitFor(isRootTerminal, { timeoutMs: 2_000 });
    expect(terminal.params.data.event).toBe("interrupted");
    expect(stream.events.some((event) => event.method === "input.requested")).toBe(false);
    expect(textDeltas(stream.events).length).toBeLessThan(SLOW_TOKEN_COUNT / 2);

    // A later plain run.start on the same thread is a fresh run, not a resume.
    const fromIndex = stream.events.length;
    const reply = await sendCommand(server.url, threadId, "run.start", {
      assistant_id: "slow",
      input: humanInput("again"),
      config: { configurable: { token_delay_ms: 0 } },
    });
    expect(reply.type).toBe("success");
    const next = await stream.waitFor(isRootTerminal, { fromIndex });
    expect(next.params.data.event).toBe("completed");
  });

  it("reports action=rollback as root failed", async () => {
    const { stream, threadId, runId } = await run("slow", humanInput("count"), 20);
    await stream.waitFor((event) => event.method === "messages");
    expect((await cancel(threadId, runId, "action=rollback")).status).toBe(204);
    const terminal = await stream.waitFor(isRootTerminal, { timeoutMs: 2_000 });
    expect(terminal.params.data.event).toBe("failed");
    expect(JSON.parse(terminal.params.data.error).message).toBe("Run cancelled (rollback)");
  });

  it("answers 404 for a run it never started", async () => {
    const response = await cancel(crypto.randomUUID(), crypto.randomUUID(), "action=interrupt");
    expect(response.status).toBe(404);
  });
});

describe("REST thread routes", () => {
  it("serves state and history of a finished run, and 404 for unknown threads", async () => {
    const { stream, threadId } = await run("text", humanInput("state please"));
    await stream.waitFor(isRootTerminal);
    const state = await (await fetch(`${server.url}/threads/${threadId}/state`)).json();
    expect(state.next).toEqual([]);
    expect(state.values.messages.map((message: { type: string }) => message.type)).toEqual(["human", "ai"]);
    const history = await (
      await fetch(`${server.url}/threads/${threadId}/history`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ limit: 10 }),
      })
    ).json();
    expect(history.length).toBeGreaterThanOrEqual(2);
    expect(history[0].checkpoint.checkpoint_id).toBe(state.checkpoint.checkpoint_id);
    const thread = await (await fetch(`${server.url}/threads/${threadId}`)).json();
    expect(thread.metadata).toMatchObject({ graph_id: "text", assistant_id: "text" });
    expect((await fetch(`${server.url}/threads/${crypto.randomUUID()}/state`)).status).toBe(404);
  });

  it("replays the thread's buffered events to a new SSE connection", async () => {
    const { stream, threadId } = await run("text", humanInput("replay"));
    const terminal = await stream.waitFor(isRootTerminal);
    const late = await SseEventStream.open(server.url, threadId, { channels: ["lifecycle", "messages"] });
    server.track(late);
    await late.waitFor((event) => event.seq === terminal.seq);
    const expected = stream.events.filter((event) => event.method === "lifecycle" || event.method === "messages");
    expect(late.events.map((event) => event.event_id)).toEqual(expected.map((event) => event.event_id));
  });
});

describe("WebSocket", () => {
  it("runs a graph over one socket: subscribe, run.start, events until the root terminal", async () => {
    const threadId = crypto.randomUUID();
    const socket = new WebSocket(`${server.url.replace("http", "ws")}/threads/${threadId}/stream/events`);
    const frames: { type: string; id?: number; method?: string; params?: WireEvent["params"] }[] = [];
    const done = new Promise<void>((resolve, reject) => {
      socket.on("message", (raw) => {
        const frame = JSON.parse(String(raw));
        frames.push(frame);
        if (frame.type === "event" && isRootTerminal(frame)) resolve();
      });
      socket.on("error", reject);
    });
    await new Promise((resolve) => socket.once("open", resolve));
    const subscribe = { id: 1, method: "subscription.subscribe", params: { channels: ["lifecycle", "messages"] } };
    socket.send(JSON.stringify(subscribe));
    socket.send(
      JSON.stringify({
        id: 2,
        method: "run.start",
        params: { assistant_id: "text", input: humanInput("over ws"), config: { configurable: { token_delay_ms: 1 } } },
      }),
    );
    await done;
    socket.close();
    expect(frames.filter((frame) => frame.type === "success").map((frame) => frame.id).sort()).toEqual([1, 2]);
    const events = frames.filter((frame): frame is WireEvent => frame.type === "event");
    expect(events.at(-1)?.params.data.event).toBe("completed");
    expect(streamedText(events)).toBe(textReply("over ws"));
  });
});

describe("close()", () => {
  it("ends open SSE responses and sockets and cancels runs in flight", async () => {
    const other = await startAgentServer({ port: 0 });
    const { stream } = await startRun(other.url, "slow", humanInput("long"), { tokenDelayMs: 50 });
    await stream.waitFor((event) => event.method === "messages");
    const socket = new WebSocket(`${other.url.replace("http", "ws")}/threads/${crypto.randomUUID()}/stream/events`);
    await new Promise((resolve) => socket.once("open", resolve));
    const socketClosed = new Promise((resolve) => socket.once("close", resolve));
    const startedAt = Date.now();
    await other.close();
    expect(Date.now() - startedAt).toBeLessThan(2_500);
    await stream.waitForEnd(2_000);
    await socketClosed;
    expect(textDeltas(stream.events).length).toBeLessThan(SLOW_TOKEN_COUNT);
    await expect(fetch(`${other.url}/ok`)).rejects.toThrow();
  });
});
