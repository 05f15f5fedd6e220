/**
 * Reactive inputs: `threadId`, `assistantId`, `apiUrl`, `apiKey` as refs or getters, and selector
 * targets that move between the root and a scope.
 */
import { agentServerUrl, startConnectionCounter } from "@agent-stream/test-kit/scenarios";
import { afterEach, describe, expect, it, vi } from "vitest";
import { reactive, ref, shallowRef, type EffectScope } from "vue";
import { useMessages, useStream, useValues, type SelectorTarget, type StreamHandle } from "../src/index";
import { inScope, paced, recordingFetch, seedThread } from "./support";

const scopes: EffectScope[] = [];
afterEach(() => {
  for (const scope of scopes.splice(0)) scope.stop();
});

function open<T>(setup: () => T): T {
  const { result, scope } = inScope(setup);
  scopes.push(scope);
  return result;
}

const texts = (stream: StreamHandle) => stream.messages.value.map((message) => message.text);

/** The `text` graph's reply to `input`, as [human, ai] texts. */
const exchange = (input: string) => [input, expect.stringContaining(`You said "${input}"`)];

describe("threadId", () => {
  it("follows a ref from its very first change, before any submit", async () => {
    const [first, second] = await Promise.all([seedThread("text", "alpha"), seedThread("text", "beta")]);
    const threadId = ref<string | null>(first);
    const stream = open(() => useStream({ assistantId: "text", apiUrl: agentServerUrl(), threadId }));
    await vi.waitFor(() => expect(texts(stream)[0]).toBe("alpha"));

    threadId.value = second;
    // The switch shows at once: no frame of the old thread under the new id.
    expect(stream.threadId.value).toBe(second);
    expect(stream.messages.value).toEqual([]);
    await vi.waitFor(() => expect(texts(stream)).toEqual(exchange("beta")));

    threadId.value = null;
    expect(stream.threadId.value).toBeNull();
    expect(stream.messages.value).toEqual([]);

    threadId.value = first;
    await vi.waitFor(() => expect(texts(stream)[0]).toBe("alpha"));
  });

  it("follows a getter over reactive state", async () => {
    const [first, second] = await Promise.all([seedThread("text", "one"), seedThread("text", "two")]);
    const route = reactive({ params: { threadId: first } });
    const stream = open(() => useStream({ assistantId: "text", apiUrl: agentServerUrl(), threadId: () => route.params.threadId }));
    await vi.waitFor(() => expect(texts(stream)[0]).toBe("one"));
    route.params.threadId = second;
    await vi.waitFor(() => expect(texts(stream)[0]).toBe("two"));
  });

  it("submits on the new thread when the ref changes right before submit", async () => {
    const existing = await seedThread("text", "old thread");
    const threadId = ref<string | null>(existing);
    const stream = open(() =>
      useStream({ assistantId: "text", apiUrl: agentServerUrl(), threadId, onThreadId: (id) => (threadId.value = id) }),
    );
    await vi.waitFor(() => expect(stream.messages.value).toHaveLength(2));
    threadId.value = null;
    await stream.submit({ messages: "fresh" }, paced(1));
    expect(threadId.value).not.toBeNull();
    expect(threadId.value).not.toBe(existing);
    expect(texts(stream)).toEqual(exchange("fresh"));
  });

  it("does not reload the thread when onThreadId echoes the minted id back", async () => {
    const recorder = recordingFetch();
    const threadId = ref<string | null>(null);
    const stream = open(() =>
      useStream({
        assistantId: "text",
        apiUrl: agentServerUrl(),
        fetch: recorder.fetch,
        threadId,
        onThreadId: (id) => (threadId.value = id),
      }),
    );
    await stream.submit({ messages: "hello" }, paced(1));
    expect(threadId.value).toBe(stream.threadId.value);
    expect(recorder.requests.filter((request) => request.path.endsWith("/state"))).toHaveLength(0);
    expect(texts(stream)).toEqual(exchange("hello"));
  });
});

describe("server and assistant", () => {
  it("an apiUrl ref change builds a new controller, closes the old connection and keeps the thread", async () => {
    const counter = await startConnectionCounter();
    try {
      const apiUrl = ref(counter.url);
      const stream = open(() => useStream({ assistantId: "text", apiUrl }));
      await stream.submit({ messages: "via proxy" }, paced(1));
      const before = stream.controller.value;
      const threadId = stream.threadId.value;
      expect(await counter.totalOpened()).toBe(1);

      apiUrl.value = agentServerUrl();
      expect(stream.controller.value).not.toBe(before);
      await expect.poll(() => counter.openConnections(), { timeout: 3_000 }).toBe(0);
      expect(stream.threadId.value).toBe(threadId);
      await vi.waitFor(() => expect(texts(stream)).toEqual(exchange("via proxy")));

      await stream.submit({ messages: "direct" }, paced(1));
      expect(texts(stream).at(-1)).toContain('You said "direct"');
      expect(await counter.totalOpened()).toBe(1);
    } finally {
      await counter.close();
    }
  });

  it("an apiKey ref change sends the new key", async () => {
    const recorder = recordingFetch();
    const apiKey = ref("first-key");
    const stream = open(() => useStream({ assistantId: "text", apiUrl: agentServerUrl(), apiKey, fetch: recorder.fetch }));
    await stream.submit({ messages: "one" }, paced(1));
    expect(recorder.requests.length).toBeGreaterThan(0);
    expect(new Set(recorder.requests.map((request) => request.apiKey))).toEqual(new Set(["first-key"]));
    recorder.requests.length = 0;

    apiKey.value = "second-key";
    await stream.submit({ messages: "two" }, paced(1));
    expect(recorder.requests.length).toBeGreaterThan(0);
    expect(new Set(recorder.requests.map((request) => request.apiKey))).toEqual(new Set(["second-key"]));
  });

  it("an assistantId getter change runs the next submit on the new graph", async () => {
    const graph = ref("text");
    const threadId = ref<string | null>(null);
    const stream = open(() =>
      useStream({ assistantId: () => graph.value, apiUrl: agentServerUrl(), threadId, onThreadId: (id) => (threadId.value = id) }),
    );
    await stream.submit({ messages: "hi" }, paced(1));
    expect(texts(stream).at(-1)).toContain('You said "hi"');
    const before = stream.controller.value;

    // This server binds a thread to its assistant: a new assistant starts a new thread.
    threadId.value = null;
    graph.value = "slow";
    expect(stream.controller.value).not.toBe(before);
    expect(stream.messages.value).toEqual([]);
    await stream.submit({ messages: "count" }, paced(1));
    expect(texts(stream).at(-1)).toContain("word200");
    expect(threadId.value).toBe(stream.threadId.value);
  });

  it("a headers object with the same content keeps the controller", () => {
    const headers = ref<Record<string, string>>({ "x-team": "a" });
    const stream = open(() => useStream({ assistantId: "text", apiUrl: agentServerUrl(), headers }));
    const before = stream.controller.value;
    headers.value = { "x-team": "a" };
    expect(stream.controller.value).toBe(before);
    headers.value = { "x-team": "b" };
    expect(stream.controller.value).not.toBe(before);
  });
});

describe("selector targets", () => {
  it("a target ref moves from the root to a subagent and back", async () => {
    const target = shallowRef<SelectorTarget>(undefined);
    const { stream, messages, values } = open(() => {
      const stream = useStream({ assistantId: "deep_agent", apiUrl: agentServerUrl() });
      return { stream, messages: useMessages(stream, target), values: useValues(stream, target) };
    });
    const registry = () => stream.controller.value.registry;
    // At the root: the root snapshot itself, and no projection held.
    expect(registry().size).toBe(0);
    const run = stream.submit({ messages: "research and write" }, paced(4));
    await vi.waitFor(() => expect([...stream.subagents.value.values()].map((subagent) => subagent.name)).toContain("researcher"));
    expect(messages.value).toBe(stream.messages.value);
    expect(values.value).toBe(stream.values.value);

    target.value = [...stream.subagents.value.values()].find((subagent) => subagent.name === "researcher");
    expect(registry().size).toBe(2);
    await vi.waitFor(() => expect(messages.value.some((message) => message.text.includes("Searching the notes."))).toBe(true));
    expect(stream.messages.value.some((message) => message.text.includes("Searching the notes."))).toBe(false);

    target.value = null;
    expect(registry().size).toBe(0);
    expect(messages.value).toBe(stream.messages.value);
    await run;
    expect(messages.value.at(-1)?.text).toContain("Summary of both subagents");
  });
});
