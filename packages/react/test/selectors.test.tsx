/**
 * Selector hooks over scoped projections: channels, channel effects, media and players.
 */
import type { ProtocolEvent } from "@agent-stream/core";
import { agentServerUrl } from "@agent-stream/test-kit/scenarios";
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { useAudio, useAudioPlayer, useChannel, useChannelEffect, useExtension, useMediaURL, useStream, useValues } from "../src/index";
import { paced } from "./support";

afterEach(cleanup);

const percentOf = (event: ProtocolEvent) => (event.params.data as { percent?: number }).percent;

describe("channels", () => {
  it("useChannel buffers raw events and useExtension keeps the latest payload", async () => {
    const { result } = renderHook(() => {
      const stream = useStream({ assistantId: "custom_events", apiUrl: agentServerUrl() });
      return { stream, events: useChannel(stream, ["custom:progress"]), progress: useExtension<{ percent: number }>(stream, "progress") };
    });
    await act(() => result.current.stream.submit({ messages: "go" }, paced(2)));
    await waitFor(() => expect(result.current.progress?.percent).toBe(100));
    const percents = result.current.events.map(percentOf);
    expect(percents.length).toBeGreaterThanOrEqual(3);
    expect(percents.at(-1)).toBe(100);
    expect(result.current.stream.controller.registry.size).toBe(2);
  });

  it("useChannelEffect delivers each live event once to the latest callback, and not when disabled", async () => {
    const delivered: string[] = [];
    const { result, rerender } = renderHook(
      (props: { label: string; enabled: boolean }) => {
        const stream = useStream({ assistantId: "custom_events", apiUrl: agentServerUrl() });
        useChannelEffect(stream, ["custom:progress"], {
          enabled: props.enabled,
          onEvent: (event) => delivered.push(`${props.label}:${percentOf(event)}`),
        });
        return stream;
      },
      { initialProps: { label: "first", enabled: true } },
    );
    rerender({ label: "latest", enabled: true });
    await act(() => result.current.submit({ messages: "go" }, paced(2)));
    await waitFor(() => expect(delivered.at(-1)).toBe("latest:100"));
    expect(delivered.every((entry) => entry.startsWith("latest:"))).toBe(true);
    expect(new Set(delivered).size).toBe(delivered.length);
    const count = delivered.length;
    rerender({ label: "latest", enabled: false });
    await act(() => result.current.submit({ messages: "again" }, paced(2)));
    expect(delivered).toHaveLength(count);
  });
});

describe("media", () => {
  it("useAudio + useMediaURL give a playable WAV, and useAudioPlayer loads it", async () => {
    const { result } = renderHook(() => {
      const stream = useStream({ assistantId: "media", apiUrl: agentServerUrl() });
      const [clip] = useAudio(stream);
      return { stream, clip, url: useMediaURL(clip), player: useAudioPlayer(clip) };
    });
    await act(() => result.current.stream.submit({ messages: "media please" }, paced(2)));
    await waitFor(() => expect(result.current.url).toMatch(/^blob:/));
    expect(result.current.clip).toMatchObject({ mimeType: "audio/wav", status: "complete" });
    const blob = await (await fetch(result.current.url!)).blob();
    expect(blob.size).toBe(result.current.clip!.byteLength);
    await waitFor(() => expect(result.current.player.sourceKey).toBe(result.current.clip!.key));
    expect(result.current.player.status).not.toBe("error");
  });
});

describe("scoped values", () => {
  it("useValues with a subgraph target reads that namespace's state", async () => {
    const { result } = renderHook(() => {
      const stream = useStream({ assistantId: "nested_subgraph", apiUrl: agentServerUrl() });
      const research = stream.subgraphsByNode.get("research")?.[0];
      return { stream, research, values: useValues<{ messages?: unknown[] }>(stream, research ?? null) };
    });
    await act(() => result.current.stream.submit({ messages: "nested" }, paced(1)));
    await waitFor(() => expect(result.current.research).toBeDefined());
    await waitFor(() => expect(result.current.values?.messages?.length ?? 0).toBeGreaterThan(0));
    expect(result.current.values).not.toBe(result.current.stream.values);
  });
});
