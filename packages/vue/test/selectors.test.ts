/**
 * Selector composables against the real server: channels, channel effects, extensions with
 * reactive names, custom projections, media and the audio player.
 */
import { extensionProjection, type ProtocolEvent } from "@agent-stream/core";
import { agentServerUrl } from "@agent-stream/test-kit/scenarios";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ref, type EffectScope } from "vue";
import {
  useAudio,
  useAudioPlayer,
  useChannel,
  useChannelEffect,
  useExtension,
  useImages,
  useMediaURL,
  useProjection,
  useStream,
  useValues,
} from "../src/index";
import { inScope, paced, pause } from "./support";

const scopes: EffectScope[] = [];
afterEach(() => {
  for (const scope of scopes.splice(0)) scope.stop();
});

function open<T>(setup: () => T): T {
  const { result, scope } = inScope(setup);
  scopes.push(scope);
  return result;
}

const percentOf = (event: ProtocolEvent) => (event.params.data as { percent?: number }).percent;

describe("channels", () => {
  it("useChannel buffers raw custom events; useChannelEffect delivers each once while enabled", async () => {
    const enabled = ref(true);
    const delivered: number[] = [];
    const { stream, custom } = open(() => {
      const stream = useStream({ assistantId: "custom_events", apiUrl: agentServerUrl() });
      useChannelEffect(stream, ["custom:progress"], { enabled, onEvent: (event) => delivered.push(percentOf(event) ?? -1) });
      return { stream, custom: useChannel(stream, ["custom"]) };
    });
    await stream.submit({ messages: "go" }, paced(2));
    await vi.waitFor(() => expect(delivered.at(-1)).toBe(100));
    await vi.waitFor(() => expect(custom.value.some((event) => (event.params.data as { payload?: unknown }).payload === "status: thinking")).toBe(true));
    expect(delivered[0]).toBe(0);
    expect([...delivered].sort((left, right) => left - right)).toEqual(delivered);
    const firstRun = delivered.length;

    enabled.value = false;
    await stream.submit({ messages: "again" }, paced(2));
    await pause(100);
    expect(delivered).toHaveLength(firstRun);

    enabled.value = true;
    await stream.submit({ messages: "third" }, paced(2));
    // Events are delivered on their own schedule: wait for the third run's last one.
    await vi.waitFor(() => expect(delivered.slice(firstRun).at(-1)).toBe(100));
    // Live only: re-enabling does not replay the runs it missed.
    expect(delivered.slice(firstRun)[0]).toBe(0);
    expect(delivered.slice(firstRun).filter((percent) => percent === 100)).toHaveLength(1);
  });

  it("useExtension follows a reactive name; useProjection follows a reactive spec", async () => {
    const name = ref("progress");
    const { stream, extension, projected } = open(() => {
      const stream = useStream({ assistantId: "custom_events", apiUrl: agentServerUrl() });
      return {
        stream,
        extension: useExtension<{ percent: number }>(stream, name),
        projected: useProjection(stream, () => extensionProjection<{ percent: number }>(name.value)),
      };
    });
    await stream.submit({ messages: "go" }, paced(2));
    await vi.waitFor(() => expect(extension.value?.percent).toBe(100));
    expect(projected.value).toBe(extension.value);
    name.value = "elsewhere";
    expect(extension.value).toBeUndefined();
    expect(projected.value).toBeUndefined();
    expect(stream.controller.value.registry.size).toBe(1);
  });

  it("useValues at the root is the root state", async () => {
    const { stream, values } = open(() => {
      const stream = useStream({ assistantId: "text", apiUrl: agentServerUrl() });
      return { stream, values: useValues(stream) };
    });
    await stream.submit({ messages: "state" }, paced(1));
    expect(values.value).toBe(stream.values.value);
    expect((values.value.messages as unknown[]).length).toBe(2);
  });
});

describe("media", () => {
  it("root media selectors, useMediaURL and the audio player load streamed blocks", async () => {
    const { stream, images, audio, audioURL, player } = open(() => {
      const stream = useStream({ assistantId: "media", apiUrl: agentServerUrl() });
      const audio = useAudio(stream);
      return {
        stream,
        images: useImages(stream),
        audio,
        audioURL: useMediaURL(() => audio.value[0]),
        player: useAudioPlayer(() => audio.value[0]),
      };
    });
    await stream.submit({ messages: "show me" }, paced(2));
    await vi.waitFor(() => {
      expect(images.value).toHaveLength(2);
      expect(audio.value).toHaveLength(1);
      expect(audio.value[0]!.status).toBe("complete");
    });
    expect(audio.value[0]!.mimeType).toBe("audio/wav");
    await vi.waitFor(() => expect(audioURL.value).toMatch(/^blob:/));
    expect(player.snapshot.value.sourceKey).toBe(audio.value[0]!.key);
    expect(player.mode.value).toBe("web-audio");
    expect(player.status.value).not.toBe("error");
  });
});
