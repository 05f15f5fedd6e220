import { describe, expect, it } from "vitest";
import { RunFailedError, type PendingInterrupt } from "../../src/index";
import { TRANSPORTS, humanRun, lastAiText, openThread } from "../support";

describe.each(TRANSPORTS)("ThreadStream over %s against the real server", (transport) => {
  it("streams a text reply token by token and ends with the same text as the final state", async () => {
    const thread = openThread(transport, "text");
    try {
      const messages = thread.messages;
      await thread.run.start(humanRun("hello there"));
      const seen: { fragments: string[]; final: string }[] = [];
      for await (const message of messages) {
        const fragments: string[] = [];
        for await (const fragment of message.text) fragments.push(fragment);
        seen.push({ fragments, final: await message.text });
      }
      const output = await thread.output;
      expect(seen).toHaveLength(1);
      expect(seen[0]!.fragments.length).toBeGreaterThan(5);
      expect(seen[0]!.fragments.join("")).toBe(seen[0]!.final);
      expect(seen[0]!.final).toContain("hello there");
      expect(lastAiText(output)).toBe(seen[0]!.final);
    } finally {
      await thread.close();
    }
  });

  it("reports tool calls with parsed input and unwrapped output, including a parallel pair", async () => {
    const thread = openThread(transport, "tool_agent");
    try {
      const toolCalls = thread.toolCalls;
      const messages = thread.messages;
      await thread.run.start(humanRun("weather in Paris and some maths"));
      const calls = [];
      for await (const call of toolCalls) calls.push({ name: call.name, input: call.input, output: await call.output.catch((e: Error) => e) });
      expect(calls.length).toBeGreaterThanOrEqual(3);
      for (const call of calls) {
        expect(typeof call.input).toBe("object");
        expect(call.output).not.toBeUndefined();
      }
      expect(calls.map((call) => call.name)).toContain("get_weather");
      // The model's own messages carry the same calls, arguments assembled from streamed deltas.
      const requested = [];
      for (const message of await messages) {
        const final = (await message.output) as { tool_calls?: { name: string; args: unknown }[] };
        requested.push(...(final.tool_calls ?? []));
      }
      expect(requested.map((call) => call.name).sort()).toEqual(calls.map((call) => call.name).sort());
      for (const call of requested) expect(Object.keys(call.args as object).length).toBeGreaterThan(0);
      const output = await thread.output;
      expect(lastAiText(output).length).toBeGreaterThan(0);
    } finally {
      await thread.close();
    }
  });

  it.each([
    [{ decision: "approve" }, "Decision: approve"],
    [{ decision: "edit", args: { to: "grace@example.com" } }, "grace@example.com"],
    [{ decision: "reject", reason: "not now" }, "not now"],
  ])("pauses on an approval interrupt and resumes with %j", async (response, expected) => {
    const thread = openThread(transport, "hitl");
    try {
      await thread.run.start(humanRun("send the email"));
      await thread.output;
      await waitFor(() => thread.interrupts.length === 1);
      expect(thread.interrupted).toBe(true);
      const pending = thread.interrupts[0] as PendingInterrupt<{ type: string }>;
      expect(pending.payload.type).toBe("approval");
      await thread.input.respond({ interruptId: pending.interruptId, response });
      expect(thread.interrupts).toHaveLength(0);
      const output = await thread.output;
      const texts = JSON.stringify(output);
      expect(texts).toContain(expected);
      expect(thread.interrupted).toBe(false);
    } finally {
      await thread.close();
    }
  });

  it("answers two pending interrupts in one command", async () => {
    const thread = openThread(transport, "double_interrupt");
    try {
      await thread.run.start(humanRun("plan the project"));
      await thread.output;
      await waitFor(() => thread.interrupts.length === 2);
      const [first, second] = thread.interrupts as PendingInterrupt<{ field: string }>[];
      await thread.input.respond({
        responses: [
          { interruptId: first!.interruptId, response: `answer-${first!.payload.field}` },
          { interruptId: second!.interruptId, response: `answer-${second!.payload.field}` },
        ],
      });
      const output = (await thread.output) as { answers: Record<string, unknown> };
      expect(output.answers).toEqual({ budget: "answer-budget", schedule: "answer-schedule" });
    } finally {
      await thread.close();
    }
  });

  it("discovers nested subgraphs and streams the innermost model's messages in their scope", async () => {
    const thread = openThread(transport, "nested_subgraph");
    try {
      const subgraphs = thread.subgraphs;
      await thread.run.start(humanRun("go deep"));
      const outer = [];
      for await (const subgraph of subgraphs) outer.push(subgraph);
      expect(outer).toHaveLength(1);
      expect(outer[0]!.namespace).toHaveLength(1);
      const inner = await outer[0]!.subgraphs;
      expect(inner).toHaveLength(1);
      expect(inner[0]!.namespace).toHaveLength(2);
      const innerMessages = await inner[0]!.messages;
      expect(innerMessages.length).toBeGreaterThan(0);
      expect((await innerMessages[0]!.text).length).toBeGreaterThan(0);
      // The root's own message reader does not pick up the inner model's tokens.
      const rootTexts = await Promise.all((await thread.messages).map((message) => message.text));
      expect(rootTexts).not.toContain(await innerMessages[0]!.text);
    } finally {
      await thread.close();
    }
  });

  it("discovers two parallel subagents with their task, messages and output", async () => {
    const thread = openThread(transport, "deep_agent");
    try {
      const subagents = thread.subagents;
      await thread.run.start(humanRun("tidal energy"));
      const found = [];
      for await (const subagent of subagents) found.push(subagent);
      expect(found.map((subagent) => subagent.name).sort()).toEqual(["researcher", "writer"]);
      for (const subagent of found) {
        expect(subagent.taskInput).toContain("tidal energy");
        expect(subagent.status).toBe("complete");
        expect(JSON.stringify(await subagent.output).length).toBeGreaterThan(2);
        const messages = await subagent.messages;
        expect(messages.length).toBeGreaterThan(0);
      }
    } finally {
      await thread.close();
    }
  });

  it("delivers named custom events as an extension and unnamed ones on the custom channel", async () => {
    const thread = openThread(transport, "custom_events");
    try {
      const progress = thread.extensions.progress!;
      const unnamed = thread.subscribe({ channels: ["custom"] });
      await thread.run.start(humanRun("work"));
      const percents: number[] = [];
      for await (const payload of progress) percents.push((payload as { percent: number }).percent);
      expect(percents[0]).toBe(0);
      expect(percents.at(-1)).toBe(100);
      expect([...percents].sort((a, b) => a - b)).toEqual(percents);
      await thread.output;
      const names = new Set<string>();
      const stop = unnamed.onEvent(() => undefined);
      stop();
      unnamed.unsubscribe();
      for await (const event of unnamed) names.add(String((event.params.data as { name?: string }).name));
      expect(names.has("progress")).toBe(true);
      expect(names.has("undefined")).toBe(true);
    } finally {
      await thread.close();
    }
  });

  it("rejects the output with the graph's own error message when the run fails", async () => {
    const thread = openThread(transport, "failing");
    try {
      await thread.run.start(humanRun("fail please"));
      const error = await thread.output.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RunFailedError);
      expect((error as Error).message.length).toBeGreaterThan(3);
      expect((error as Error).message).not.toMatch(/^\{/);
    } finally {
      await thread.close();
    }
  });

  it("assembles inline and URL images and streamed audio with exact bytes", async () => {
    const thread = openThread(transport, "media");
    try {
      const images = thread.images;
      const audio = thread.audio;
      await thread.run.start(humanRun("show me media"));
      const imageHandles = await images;
      const inline = imageHandles.find((image) => !image.url);
      const linked = imageHandles.find((image) => image.url);
      expect(inline?.mimeType).toBe("image/png");
      const png = new Uint8Array(await (await inline!.blob()).arrayBuffer());
      expect([...png.slice(1, 4)].map((byte) => String.fromCharCode(byte)).join("")).toBe("PNG");
      expect(linked?.url).toMatch(/^https?:|^data:/);
      const [sound] = await audio;
      const wav = new Uint8Array(await (await sound!.blob()).arrayBuffer());
      expect(String.fromCharCode(...wav.slice(0, 4))).toBe("RIFF");
      expect(sound!.item.transcript).toBe("a short tone");
    } finally {
      await thread.close();
    }
  });

  it("holds hundreds of messages of history in the final state", async () => {
    const thread = openThread(transport, "long_history");
    try {
      await thread.run.start(humanRun("summarise"));
      const output = (await thread.output) as { messages: unknown[] };
      expect(output.messages.length).toBeGreaterThan(200);
    } finally {
      await thread.close();
    }
  });

  it("re-attaches to an in-flight run from a second stream (a page reload) and sees the whole reply", async () => {
    const first = openThread(transport, "slow");
    const second = openThread(transport, "slow", { threadId: first.threadId });
    try {
      const firstMessages = first.messages;
      await first.run.start(humanRun("reload me", 5));
      const iterator = firstMessages[Symbol.asyncIterator]();
      const original = (await iterator.next()).value!;
      const tokens = original.text[Symbol.asyncIterator]();
      await tokens.next();
      await tokens.next();
      // The reload happens mid-reply: the new stream replays what it missed, then follows live.
      const reattached = await second.messages;
      expect(reattached).toHaveLength(1);
      expect(await reattached[0]!.text).toBe(await original.text);
      expect(lastAiText(await second.output)).toBe(await original.text);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it("attached to a thread with an earlier finished run, reads the run in flight, not the old one", async () => {
    const first = openThread(transport, "slow");
    try {
      await first.run.start(humanRun("first run", 0));
      await first.output;
      const secondMessages = first.messages;
      await first.run.start(humanRun("second run", 5));
      const iterator = secondMessages[Symbol.asyncIterator]();
      const live = (await iterator.next()).value!;
      await live.text[Symbol.asyncIterator]().next();
      // Another stream attaches mid-way through the second run (a page reload, another process).
      const attached = openThread(transport, "slow", { threadId: first.threadId });
      try {
        const messages = await attached.messages;
        expect(messages).toHaveLength(1);
        expect(await messages[0]!.text).toBe(await live.text);
        const output = (await attached.output) as { messages: unknown[] };
        expect(output.messages).toHaveLength(4);
        expect(lastAiText(output)).toBe(await live.text);
      } finally {
        await attached.close();
      }
    } finally {
      await first.close();
    }
  });

  it("attached to an idle thread, readers wait for its next run instead of replaying the last one", async () => {
    const first = openThread(transport, "text");
    try {
      await first.run.start(humanRun("old run"));
      await first.output;
      const attached = openThread(transport, "text", { threadId: first.threadId });
      try {
        const output = attached.output;
        const messages = attached.messages;
        await attached.run.start(humanRun("new run"));
        const values = (await output) as { messages: unknown[] };
        expect(values.messages).toHaveLength(4);
        expect(lastAiText(values)).toContain("new run");
        const texts = await Promise.all((await messages).map((message) => message.text));
        expect(texts).toHaveLength(1);
        expect(texts[0]).toContain("new run");
      } finally {
        await attached.close();
      }
    } finally {
      await first.close();
    }
  });

  it("cancels a slow run on the server and the run ends interrupted", async () => {
    const thread = openThread(transport, "slow");
    try {
      const messages = thread.messages;
      const { runId } = await thread.run.start(humanRun("take your time", 30));
      const iterator = messages[Symbol.asyncIterator]();
      const first = await iterator.next();
      const tokens = first.value!.text[Symbol.asyncIterator]();
      await tokens.next();
      const { Client } = await import("../../src/index");
      const { agentServerUrl } = await import("@agent-stream/test-kit");
      await new Client({ apiUrl: agentServerUrl() }).runs.cancel(thread.threadId, runId);
      const outcome = await Promise.race([
        thread.output.then(
          () => "ended",
          () => "ended",
        ),
        new Promise((resolve) => setTimeout(() => resolve("still running"), 4000)),
      ]);
      expect(outcome).toBe("ended");
      await expect(first.value!.output).rejects.toThrow();
    } finally {
      await thread.close();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
