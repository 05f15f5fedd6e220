import type { ProtocolEvent } from "@agent-stream/core";
import { agentServerUrl } from "@agent-stream/test-kit/scenarios";
import { describe, expect, it, vi } from "vitest";
import type { SelectorTarget, StreamHandle } from "../src/index";
import ChannelProbe from "./probes/channel-probe.svelte";
import ContextChild from "./probes/context-child.svelte";
import ContextParent from "./probes/context-parent.svelte";
import LazyProbe from "./probes/lazy-probe.svelte";
import MediaProbe from "./probes/media-probe.svelte";
import TargetProbe from "./probes/target-probe.svelte";
import { Cell, paced, render } from "./support.svelte";

const texts = (stream: StreamHandle) => stream.controller.rootStore.getSnapshot().messages.map((message) => message.text);

describe("selector targets given as getters", () => {
  it("move from the root to a subagent and back, holding a projection only while scoped", async () => {
    const target = new Cell<SelectorTarget>(undefined);
    let stream: StreamHandle | undefined;
    const rendered = render(TargetProbe, { apiUrl: agentServerUrl(), target, onStream: (value) => (stream = value) });
    await stream!.submit({ messages: "research and write" }, paced(2));
    await vi.waitFor(() => {
      expect(rendered.text("subagents").split(",").sort()).toEqual(["researcher", "writer"]);
      expect(stream!.isLoading).toBe(false);
    });
    // Root: the root conversation and state, read from the root snapshot (no projection).
    expect(rendered.texts("selected-message")).toEqual(texts(stream!));
    expect(rendered.text("values-count")).toBe(String(texts(stream!).length));
    expect(stream!.controller.registry.size).toBe(0);

    const researcher = [...stream!.subagents.values()].find((subagent) => subagent.name === "researcher")!;
    target.set(researcher);
    await vi.waitFor(() => expect(rendered.texts("selected-message").some((text) => text.includes("Searching the notes."))).toBe(true));
    expect(rendered.texts("selected-message")).not.toEqual(texts(stream!));
    expect(stream!.controller.registry.size).toBe(2);

    target.set(undefined);
    expect(rendered.texts("selected-message")).toEqual(texts(stream!));
    expect(rendered.text("values-count")).toBe(String(texts(stream!).length));
    // The scoped projections are let go once nothing reads them.
    await vi.waitFor(() => expect(stream!.controller.registry.size).toBe(0));
  });
});

describe("lazy subscriptions", () => {
  it("acquire a projection only while it is read, and release it when it is not", async () => {
    const show = new Cell(false);
    let stream: StreamHandle | undefined;
    const rendered = render(LazyProbe, { apiUrl: agentServerUrl(), show, onStream: (value) => (stream = value) });
    expect(stream!.controller.registry.size).toBe(0);
    show.set(true);
    expect(stream!.controller.registry.size).toBe(1);
    await stream!.submit({ messages: "work" }, paced(2));
    await vi.waitFor(() => expect(rendered.text("progress")).toBe("100"));
    show.set(false);
    await vi.waitFor(() => expect(stream!.controller.registry.size).toBe(0));
    show.set(true);
    expect(stream!.controller.registry.size).toBe(1);
    await rendered.unmount();
    await vi.waitFor(() => expect(stream!.controller.registry.disposed).toBe(true));
  });
});

describe("channels", () => {
  it("buffers raw events and delivers effects only while enabled", async () => {
    const enabled = new Cell(true);
    const progress: ProtocolEvent[] = [];
    let stream: StreamHandle | undefined;
    const rendered = render(ChannelProbe, {
      apiUrl: agentServerUrl(),
      enabled,
      onStream: (value) => (stream = value),
      onProgress: (event) => progress.push(event),
    });
    await stream!.submit({ messages: "first" }, paced(2));
    await vi.waitFor(() => expect(rendered.texts("custom-event").at(-1)).toContain("finished"));
    // Named and unnamed custom events share the "custom" channel; bufferSize 3 keeps the newest three.
    expect(rendered.texts("custom-event")).toHaveLength(3);
    expect(rendered.texts("custom-event")[1]).toContain('"percent":100');
    const percents = progress.map((event) => (event.params.data as { percent: number }).percent);
    expect(percents[0]).toBe(0);
    expect(percents.at(-1)).toBe(100);
    expect([...percents].sort((left, right) => left - right)).toEqual(percents);

    enabled.set(false);
    const delivered = progress.length;
    await stream!.submit({ messages: "second" }, paced(2));
    await vi.waitFor(() => expect(rendered.text("loading")).toBe("false"));
    expect(rendered.texts("custom-event")).toHaveLength(3);
    expect(progress).toHaveLength(delivered);
    enabled.set(true);
    await stream!.submit({ messages: "third" }, paced(2));
    await vi.waitFor(() => expect(progress.length).toBeGreaterThan(delivered + 2));
  });
});

describe("media", () => {
  it("reads root media through the registry and loads streamed audio into a player", async () => {
    let stream: StreamHandle | undefined;
    const rendered = render(MediaProbe, { apiUrl: agentServerUrl(), onStream: (value) => (stream = value) });
    await stream!.submit({ messages: "show me" }, paced(2));
    await vi.waitFor(() => {
      expect(rendered.text("loading")).toBe("false");
      expect(rendered.text("audio")).toBe("audio/wav:complete");
    });
    expect(rendered.text("images")).toBe("2");
    // The WAV streams through Web Audio; nothing plays without a gesture, so it waits paused.
    await vi.waitFor(() => expect(rendered.text("player")).toBe("web-audio:paused:true"));
  });
});

describe("context", () => {
  it("shares the provided stream with descendants", async () => {
    const streams: StreamHandle[] = [];
    const rendered = render(ContextParent, { apiUrl: agentServerUrl(), onStream: (value) => streams.push(value) });
    expect(streams).toHaveLength(2);
    expect(streams[1]).toBe(streams[0]);
    await streams[0]!.submit({ messages: "shared" }, paced(1));
    await vi.waitFor(() => expect(rendered.texts("child-message")).toHaveLength(2));
  });

  it("throws a clear error without a provider", () => {
    expect(() => render(ContextChild, {})).toThrow(/provideStream/);
  });
});
