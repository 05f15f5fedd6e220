import { CUSTOM_EVENTS_REPLY, PROGRESS_EVENT_NAME } from "@agent-stream/agent-server";
import { describe, expect, it, vi } from "vitest";
import { acquireChannelEffect, channelProjection, customPayload, extensionProjection } from "../../src/projections/index";
import type { ProtocolEvent } from "../../src/protocol/types";
import { humanRun, TRANSPORTS } from "../support";
import { useThreads, waitForStore } from "./support";

interface Progress {
  name: string;
  percent: number;
  label: string;
}

describe.each(TRANSPORTS)("custom events over %s", (transport) => {
  const threads = useThreads(transport);

  it("keeps the latest named payload, buffers named and unnamed events, and runs an effect once per event", async () => {
    const thread = threads.open("custom_events");
    const registry = threads.registry(thread);
    const progress = registry.acquire(extensionProjection<Progress>(PROGRESS_EVENT_NAME)).store;
    const seenPercents: number[] = [];
    progress.subscribe(() => {
      const percent = progress.getSnapshot()?.percent;
      if (percent !== undefined) seenPercents.push(percent);
    });
    const all = registry.acquire(channelProjection(["custom"])).store;
    const effectPayloads: unknown[] = [];
    const onError = vi.fn();
    const stop = acquireChannelEffect(registry, [`custom:${PROGRESS_EVENT_NAME}`], [], (event) => {
      effectPayloads.push(customPayload(event));
      if ((customPayload(event) as Progress).percent === 0) throw new Error("effect failure is contained");
    }, { onError });
    threads.defer(stop);

    await thread.run.start(humanRun("report progress", 10));
    await thread.output;

    const last = await waitForStore(progress, (value) => value?.percent === 100);
    expect(last).toEqual({ name: PROGRESS_EVENT_NAME, percent: 100, label: "done" });
    expect(seenPercents.length).toBeGreaterThanOrEqual(2);
    expect([...seenPercents].sort((a, b) => a - b)).toEqual(seenPercents);

    const events = await waitForStore(all, (buffer) => buffer.some((event) => (customPayload(event) as { stage?: string }).stage === "finished"));
    const unnamed = events.filter((event) => (event.params.data as { name?: unknown }).name === undefined).map(customPayload);
    expect(unnamed).toEqual(["status: thinking", { stage: "finished", characters: CUSTOM_EVENTS_REPLY.length }]);
    const named = events.filter((event: ProtocolEvent) => (event.params.data as { name?: unknown }).name === PROGRESS_EVENT_NAME);
    expect(named.length).toBe(5);

    await vi.waitFor(() => expect(effectPayloads).toHaveLength(5));
    expect(effectPayloads.map((payload) => (payload as Progress).percent)).toEqual(named.map((event) => (customPayload(event) as Progress).percent));
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it("live-only buffers skip the events of a run that finished before they opened", async () => {
    const thread = threads.open("custom_events");
    await thread.run.start(humanRun("first run", 0));
    await thread.output;
    const registry = threads.registry(thread);
    const replayed = registry.acquire(channelProjection(["custom"])).store;
    const live = registry.acquire(channelProjection(["custom"], [], { replay: false })).store;
    await waitForStore(replayed, (buffer) => buffer.length === 7);
    expect(live.getSnapshot()).toEqual([]);
  });
});
