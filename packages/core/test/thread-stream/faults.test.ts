import { agentServerUrl, startFaultProxy, type FaultPlan, type FaultProxy } from "@agent-stream/test-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Client,
  HttpError,
  MalformedFrameError,
  ReconnectExhaustedError,
  type ThreadStream,
} from "../../src/index";
import { TRANSPORTS, humanRun, lastAiText, openThread, type TransportName } from "../support";

/** Runs one graph through the proxy and returns what a user sees: each message's tokens and the final state. */
async function observeRun(thread: ThreadStream, input = humanRun("fault tolerance", 2)) {
  const messages = thread.messages;
  const toolCalls = thread.toolCalls;
  await thread.run.start(input);
  const texts: string[] = [];
  for await (const message of messages) {
    let streamed = "";
    for await (const fragment of message.text) streamed += fragment;
    texts.push(streamed);
  }
  const calls = (await toolCalls).map((call) => call.id);
  return { texts, calls, output: await thread.output };
}

describe.each(TRANSPORTS)("ThreadStream over %s through a fault-injecting proxy", (transport: TransportName) => {
  let proxy: FaultProxy;
  let baseline: Awaited<ReturnType<typeof observeRun>>;

  beforeAll(async () => {
    proxy = await startFaultProxy({ target: agentServerUrl() });
    const thread = openThread(transport, "tool_agent", { apiUrl: proxy.url });
    baseline = await observeRun(thread);
    await thread.close();
  });
  afterAll(async () => {
    await proxy.close();
  });

  const withFaults = async (plan: FaultPlan, graph = "tool_agent") => {
    proxy.setFaults(plan);
    const errors: unknown[] = [];
    const thread = openThread(transport, graph, { apiUrl: proxy.url });
    thread.onError((error) => errors.push(error));
    try {
      return { result: await observeRun(thread), errors };
    } finally {
      await thread.close();
      proxy.setFaults({});
    }
  };

  it("has a meaningful undisturbed baseline", () => {
    expect(baseline.texts.join("").length).toBeGreaterThan(20);
    expect(baseline.calls.length).toBeGreaterThanOrEqual(3);
  });

  it.each([3, 10, 25])("reconnects after the stream is cut after %i frames and loses or doubles nothing", async (frames) => {
    const before = proxy.stats().cuts;
    const { result } = await withFaults({ cutAfterFrames: frames, cutTimes: 2 });
    expect(proxy.stats().cuts - before).toBeGreaterThan(0);
    expect(result.texts).toEqual(baseline.texts);
    expect(result.calls.length).toBe(baseline.calls.length);
    expect(lastAiText(result.output)).toBe(lastAiText(baseline.output));
  });

  it("drops duplicated frames", async () => {
    const { result } = await withFaults({ duplicateFrames: true });
    expect(result.texts).toEqual(baseline.texts);
    expect(result.calls.length).toBe(baseline.calls.length);
  });

  it("keeps order and content under per-frame delay", async () => {
    const { result } = await withFaults({ delayMs: 2 });
    expect(result.texts).toEqual(baseline.texts);
  });

  it("skips and reports a malformed frame without losing the stream", async () => {
    const { result, errors } = await withFaults({ malformedAfterFrames: 5 });
    expect(errors.some((error) => error instanceof MalformedFrameError)).toBe(true);
    expect(result.texts).toEqual(baseline.texts);
  });

  it("retries a stream open answered with 503", async () => {
    const { result } = await withFaults({ failNextStreamOpens: { count: 2, status: 503 } });
    expect(result.texts).toEqual(baseline.texts);
  });

  it("does not loop on a 401 on open and ends with a clear error", async () => {
    proxy.setFaults({ failNextStreamOpens: { count: 100, status: 401 } });
    const thread = openThread(transport, "text", { apiUrl: proxy.url });
    const errors: unknown[] = [];
    thread.onError((error) => errors.push(error));
    const opensBefore = proxy.stats().streamOpens + proxy.stats().wsUpgrades;
    try {
      const failure = await thread.output.catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Error);
      expect(thread.closed).toBe(true);
      if (transport === "sse") {
        expect(errors.some((error) => error instanceof HttpError && error.status === 401)).toBe(true);
        // One attempt, no retry loop.
        expect(proxy.stats().streamOpens - opensBefore).toBe(1);
      } else {
        // Browsers hide a refused upgrade's status: the socket just fails, so it counts as unreachable.
        expect(errors.some((error) => error instanceof ReconnectExhaustedError)).toBe(true);
      }
    } finally {
      await thread.close();
      proxy.setFaults({});
    }
  });

  it("gives up with ReconnectExhaustedError when the server stays unreachable", async () => {
    proxy.setFaults({ failNextStreamOpens: { count: 100, status: 503 } });
    const thread = openThread(transport, "text", { apiUrl: proxy.url, reconnect: { maxAttempts: 2, delayMs: () => 5 } });
    const errors: unknown[] = [];
    thread.onError((error) => errors.push(error));
    try {
      const failure = await thread.output.catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Error);
      expect(errors.some((error) => error instanceof ReconnectExhaustedError)).toBe(true);
    } finally {
      await thread.close();
      proxy.setFaults({});
    }
  });

  it("leaves no open connection after close()", async () => {
    const thread = openThread(transport, "text", { apiUrl: proxy.url });
    await observeRun(thread);
    expect(proxy.stats().openStreams).toBeGreaterThan(0);
    await thread.close();
    await proxy.waitForOpenStreams(0, 3000);
    expect(proxy.stats().openStreams).toBe(0);
  });
});

describe("ThreadStream over a WebSocket that cannot be created", () => {
  it("fails the thread at once with the factory's error: readers and run.start reject, nothing retries or hangs", async () => {
    let attempts = 0;
    const broken = new Error("the socket factory is misconfigured");
    const thread = new Client({ apiUrl: agentServerUrl() }).threads.stream(undefined, {
      assistantId: "text",
      transport: "websocket",
      webSocketFactory: () => {
        attempts += 1;
        throw broken;
      },
      reconnect: { maxAttempts: 5, delayMs: () => 5 },
    });
    const errors: unknown[] = [];
    thread.onError((error) => errors.push(error));
    try {
      const messages = thread.messages;
      const started = await thread.run.start(humanRun("hello")).catch((error: unknown) => error);
      expect(started).toBe(broken);
      expect(await thread.output.catch((error: unknown) => error)).toBe(broken);
      // Readers opened before and after the failure both end with it.
      for (const reader of [messages, thread.toolCalls]) {
        const reading = (async () => {
          for await (const item of reader) void item;
        })();
        await expect(reading).rejects.toBe(broken);
      }
      expect(thread.closed).toBe(true);
      expect(errors).toContain(broken);
      // One try for the feed, at most one for the command: a misconfiguration is not retried.
      expect(attempts).toBeLessThanOrEqual(2);
    } finally {
      await thread.close();
    }
  });
});
