import { agentServerUrl, startConnectionCounter } from "@agent-stream/test-kit/scenarios";
import { flushSync } from "svelte";
import { get } from "svelte/store";
import { describe, expect, it, vi } from "vitest";
import type { StreamHandle, StreamSnapshot, UseStreamOptions } from "../src/index";
import { createModuleChat } from "./probes/module-stream.svelte";
import StoreProbe from "./probes/store-probe.svelte";
import StreamProbe from "./probes/stream-probe.svelte";
import { Cell, paced, pause, render, seedThread } from "./support.svelte";

function mountProbe(options: () => UseStreamOptions, onInterrupts?: (count: number) => void) {
  let stream: StreamHandle | undefined;
  const rendered = render(StreamProbe, { options, onStream: (value) => (stream = value), onInterrupts });
  return { rendered, stream: stream! };
}

describe("useStream", () => {
  it("reads the core's own snapshots reactively, never proxies", async () => {
    const { rendered, stream } = mountProbe(() => ({ assistantId: "text", apiUrl: agentServerUrl() }));
    expect(rendered.text("loading")).toBe("false");
    await stream.submit({ messages: "raw please" }, paced(2));
    await vi.waitFor(() => expect(rendered.texts("message")).toEqual(["raw please", expect.stringContaining('You said "raw please"')]));
    const snapshot = stream.controller.rootStore.getSnapshot();
    expect(stream.messages).toBe(snapshot.messages);
    expect(stream.values).toBe(snapshot.values);
    expect(rendered.text("thread-id")).toBe(snapshot.threadId);
  });

  it("switches threads when a threadId getter changes, before any submit", async () => {
    const first = await seedThread("text", "first thread");
    const second = await seedThread("text", "second thread");
    const threadId = new Cell<string | null>(first);
    const { rendered } = mountProbe(() => ({ assistantId: "text", apiUrl: agentServerUrl(), threadId: () => threadId.value }));
    // Loading starts with the mount, not after it.
    expect(rendered.text("thread-loading")).toBe("true");
    await vi.waitFor(() => expect(rendered.texts("message")[0]).toBe("first thread"));
    threadId.set(second);
    // The old thread's messages are gone at once.
    expect(rendered.texts("message")).toEqual([]);
    await vi.waitFor(() => expect(rendered.texts("message")[0]).toBe("second thread"));
    expect(rendered.text("thread-id")).toBe(second);
    threadId.set(null);
    await vi.waitFor(() => expect(rendered.text("thread-id")).toBe(""));
    expect(rendered.texts("message")).toEqual([]);
    threadId.set(first);
    await vi.waitFor(() => expect(rendered.texts("message")).toHaveLength(2));
    expect(rendered.texts("message")[0]).toBe("first thread");
  });

  it("builds a new controller when an options getter changes the server, on the same thread", async () => {
    const counter = await startConnectionCounter();
    try {
      const apiUrl = new Cell(agentServerUrl());
      const { rendered, stream } = mountProbe(() => ({ assistantId: "text", apiUrl: apiUrl.value }));
      await stream.submit({ messages: "before" }, paced(1));
      await vi.waitFor(() => expect(rendered.texts("message")).toHaveLength(2));
      const threadId = rendered.text("thread-id");
      const before = stream.controller;
      apiUrl.set(counter.url);
      expect(stream.controller).not.toBe(before);
      await vi.waitFor(() => expect(before.registry.disposed).toBe(true));
      // Without a threadId option the new controller continues on the old thread.
      await vi.waitFor(() => expect(rendered.texts("message")).toHaveLength(2));
      expect(rendered.text("thread-id")).toBe(threadId);
      await stream.submit({ messages: "after" }, paced(1));
      await vi.waitFor(() => expect(rendered.texts("message")).toHaveLength(4));
      expect(rendered.texts("message").at(-1)).toContain('You said "after"');
      // The new run went through the new server address.
      expect(await counter.totalOpened()).toBeGreaterThanOrEqual(1);
    } finally {
      await counter.close();
    }
  });

  it("hides client-side tool requests from interrupts", async () => {
    const seen: number[] = [];
    const tools = [
      { name: "get_location", execute: async () => ({ city: "Paris" }) },
      { name: "get_local_time", execute: () => "14:05" },
    ];
    const { rendered, stream } = mountProbe(
      () => ({ assistantId: "headless_tools", apiUrl: agentServerUrl(), tools }),
      (count) => seen.push(count),
    );
    await stream.submit({ messages: "where and when am I?" }, paced(1));
    await vi.waitFor(() => {
      expect(rendered.text("loading")).toBe("false");
      expect(rendered.texts("message").at(-1)).toContain("14:05");
    });
    expect(rendered.texts("message").at(-1)).toContain("Paris");
    expect(Math.max(...seen)).toBe(0);
    expect(rendered.texts("interrupt")).toEqual([]);
  });
});

describe("the store contract", () => {
  it("renders through $stream in a component", async () => {
    let stream: StreamHandle | undefined;
    const rendered = render(StoreProbe, { apiUrl: agentServerUrl(), onStream: (value) => (stream = value) });
    const run = stream!.submit({ messages: "through the store" }, paced(5));
    await vi.waitFor(() => expect(rendered.text("loading")).toBe("true"));
    await run;
    await vi.waitFor(() => {
      expect(rendered.text("loading")).toBe("false");
      expect(rendered.texts("message")).toEqual(["through the store", expect.stringContaining('You said "through the store"')]);
    });
    expect(rendered.text("thread-id")).toBe(stream!.threadId);
  });

  it("delivers one immutable snapshot per change and stops after unsubscribe", async () => {
    const { stream } = mountProbe(() => ({ assistantId: "text", apiUrl: agentServerUrl() }));
    const received: StreamSnapshot[] = [];
    const unsubscribe = stream.subscribe((snapshot) => received.push(snapshot));
    // Called at once with the current value, as the store contract requires.
    expect(received).toHaveLength(1);
    expect(received[0]!.messages).toEqual([]);
    expect(get(stream)).toBe(received[0]);
    await stream.submit({ messages: "count the snapshots" }, paced(2));
    await vi.waitFor(() => expect(received.at(-1)!.isLoading).toBe(false));
    const last = received.at(-1)!;
    expect(last.messages).toBe(stream.controller.rootStore.getSnapshot().messages);
    expect(Object.isFrozen(last)).toBe(true);
    expect(last.submit).toBe(stream.submit);
    // Each notification is a new object for a new moment.
    expect(new Set(received).size).toBe(received.length);
    unsubscribe();
    const count = received.length;
    await stream.submit({ messages: "unheard" }, paced(1));
    await pause(50);
    expect(received).toHaveLength(count);
  });
});

describe("outside components", () => {
  it("works from a .svelte.ts module inside $effect.root and closes with it", async () => {
    const counter = await startConnectionCounter();
    try {
      const chat = createModuleChat(counter.url, "text");
      await chat.stream.submit({ messages: "from a module" }, paced(5));
      flushSync();
      await vi.waitFor(() => expect(chat.stream.isLoading).toBe(false));
      expect(chat.stream.messages.at(-1)?.text).toContain('You said "from a module"');
      // The module's effect saw the reply grow, token by token.
      expect(chat.seenTexts.length).toBeGreaterThan(3);
      expect(await counter.openConnections()).toBeGreaterThanOrEqual(1);
      chat.dispose();
      await vi.waitFor(() => expect(chat.stream.controller.registry.disposed).toBe(true));
      await expect.poll(() => counter.openConnections(), { timeout: 3_000 }).toBe(0);
    } finally {
      await counter.close();
    }
  });
});
