/**
 * Selector functions: signal targets moving between the root and a scope, ref-counted projections
 * released through `DestroyRef`.
 */
import { extensionProjection, type ProtocolEvent } from "@agent-stream/core";
import { agentServerUrl } from "@agent-stream/test-kit/scenarios";
import { createEnvironmentInjector, runInInjectionContext, signal } from "@angular/core";
import { describe, expect, it } from "vitest";
import {
  injectAudio,
  injectAudioPlayer,
  injectChannel,
  injectChannelEffect,
  injectExtension,
  injectImages,
  injectMediaUrl,
  injectMessages,
  injectProjection,
  injectStream,
  injectToolCalls,
  injectValues,
  type SelectorTarget,
} from "../src/index";
import { openScope, paced, pause, until } from "./support";

const percentOf = (event: ProtocolEvent) => (event.params.data as { percent?: number }).percent;

describe("channels", () => {
  it("injectChannel buffers raw custom events; injectChannelEffect delivers each once while enabled", async () => {
    const enabled = signal(true);
    const delivered: number[] = [];
    const scope = await openScope();
    const { stream, custom } = scope.run(() => {
      const stream = injectStream({ assistantId: "custom_events", apiUrl: agentServerUrl() });
      injectChannelEffect(stream, ["custom:progress"], { enabled, onEvent: (event) => delivered.push(percentOf(event) ?? -1) });
      return { stream, custom: injectChannel(stream, ["custom"]) };
    });
    await stream.submit({ messages: "go" }, paced(2));
    await until(() => expect(delivered.at(-1)).toBe(100));
    await until(() => expect(custom().some((event) => (event.params.data as { payload?: unknown }).payload === "status: thinking")).toBe(true));
    expect(delivered[0]).toBe(0);
    expect([...delivered].sort((left, right) => left - right)).toEqual(delivered);
    const firstRun = delivered.length;

    enabled.set(false);
    scope.flush();
    await stream.submit({ messages: "again" }, paced(2));
    await pause(100);
    expect(delivered).toHaveLength(firstRun);

    enabled.set(true);
    scope.flush();
    await stream.submit({ messages: "third" }, paced(2));
    // Events are delivered on their own schedule: wait for the third run's last one.
    await until(() => expect(delivered.slice(firstRun).at(-1)).toBe(100));
    // Live only: re-enabling does not replay the runs it missed.
    expect(delivered.slice(firstRun)[0]).toBe(0);
    expect(delivered.slice(firstRun).filter((percent) => percent === 100)).toHaveLength(1);
  });

  it("injectExtension follows a signal name; injectProjection follows a spec function", async () => {
    const name = signal("progress");
    const scope = await openScope();
    const { stream, extension, projected } = scope.run(() => {
      const stream = injectStream({ assistantId: "custom_events", apiUrl: agentServerUrl() });
      return {
        stream,
        extension: injectExtension<{ percent: number }>(stream, name),
        projected: injectProjection(stream, () => extensionProjection<{ percent: number }>(name())),
      };
    });
    await stream.submit({ messages: "go" }, paced(2));
    await until(() => expect(extension()?.percent).toBe(100));
    expect(projected()).toBe(extension());
    name.set("elsewhere");
    // Never the old channel's payload under the new name, even before the effect re-acquires.
    expect(extension()).toBeUndefined();
    expect(projected()).toBeUndefined();
    scope.flush();
    expect(stream.controller().registry.size).toBe(1);
  });
});

describe("media", () => {
  it("root media selectors, injectMediaUrl and the audio player load streamed blocks", async () => {
    const scope = await openScope();
    const { stream, images, audio, audioUrl, player } = scope.run(() => {
      const stream = injectStream({ assistantId: "media", apiUrl: agentServerUrl() });
      const audio = injectAudio(stream);
      return {
        stream,
        images: injectImages(stream),
        audio,
        audioUrl: injectMediaUrl(() => audio()[0]),
        player: injectAudioPlayer(() => audio()[0]),
      };
    });
    await stream.submit({ messages: "show me" }, paced(2));
    await until(() => {
      expect(images()).toHaveLength(2);
      expect(audio()).toHaveLength(1);
      expect(audio()[0]!.status).toBe("complete");
    });
    expect(audio()[0]!.mimeType).toBe("audio/wav");
    scope.flush();
    await until(() => expect(audioUrl()).toMatch(/^blob:/));
    expect(player.snapshot().sourceKey).toBe(audio()[0]!.key);
    expect(player.mode()).toBe("web-audio");
    expect(player.status()).not.toBe("error");
  });
});

describe("selector targets", () => {
  it("a target signal moves from the root to a subagent and back", async () => {
    const target = signal<SelectorTarget>(undefined);
    const scope = await openScope();
    const { stream, messages, values } = scope.run(() => {
      const stream = injectStream({ assistantId: "deep_agent", apiUrl: agentServerUrl() });
      return { stream, messages: injectMessages(stream, target), values: injectValues(stream, target) };
    });
    const registry = () => stream.controller().registry;
    // At the root: the root snapshot itself, and no projection held.
    expect(registry().size).toBe(0);
    const run = stream.submit({ messages: "research and write" }, paced(4));
    await until(() => expect([...stream.subagents().values()].map((subagent) => subagent.name)).toContain("researcher"));
    expect(messages()).toBe(stream.messages());
    expect(values()).toBe(stream.values());

    target.set([...stream.subagents().values()].find((subagent) => subagent.name === "researcher"));
    scope.flush();
    expect(registry().size).toBe(2);
    await until(() => expect(messages().some((message) => message.text.includes("Searching the notes."))).toBe(true));
    expect(stream.messages().some((message) => message.text.includes("Searching the notes."))).toBe(false);

    target.set(null);
    // Read before any effect ran: already the root, never the subagent's messages.
    expect(messages()).toBe(stream.messages());
    scope.flush();
    expect(registry().size).toBe(0);
    await run;
    expect(messages().at(-1)?.text).toContain("Summary of both subagents");
  });
});

describe("ref-counted selectors", () => {
  it("share one projection per namespace and release it with the last injector", async () => {
    const scope = await openScope();
    const stream = scope.run(() => injectStream({ assistantId: "text", apiUrl: agentServerUrl() }));
    const registry = stream.controller().registry;
    const child = () => createEnvironmentInjector([], scope.injector);
    const first = child();
    runInInjectionContext(first, () => injectMessages(stream, ["worker:1"]));
    const second = child();
    runInInjectionContext(second, () => [injectMessages(stream, ["worker:1"]), injectToolCalls(stream, ["worker:1"])]);
    // Root selectors read the root snapshot and hold nothing.
    const rootOnly = child();
    runInInjectionContext(rootOnly, () => [injectMessages(stream), injectToolCalls(stream)]);
    expect(registry.size).toBe(2);
    first.destroy();
    expect(registry.size).toBe(2);
    second.destroy();
    await until(() => expect(registry.size).toBe(0));
    rootOnly.destroy();
  });
});
