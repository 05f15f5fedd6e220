/**
 * `injectStream` in Angular terms: injection contexts, signal inputs for `threadId`, and
 * `PendingTasks` while a thread loads.
 */
import { agentServerUrl, startConnectionCounter } from "@agent-stream/test-kit/scenarios";
import { createEnvironmentInjector, signal } from "@angular/core";
import { describe, expect, it } from "vitest";
import { injectMessages, injectStream, injectStreamContext, provideStreamDefaults, type StreamHandle } from "../src/index";
import { openScope, paced, pause, seedThread, until } from "./support";

const texts = (stream: StreamHandle) => stream.messages().map((message) => message.text);
/** The `text` graph's reply to `input`, as [human, ai] texts. */
const exchange = (input: string) => [input, expect.stringContaining(`You said "${input}"`)];

describe("injection context", () => {
  it("says how to fix a call outside an injection context", async () => {
    expect(() => injectStream({ assistantId: "text", apiUrl: agentServerUrl() })).toThrow(
      /injectStream\(\) needs an injection context.*pass \{ injector \}/,
    );
    const scope = await openScope();
    const stream = scope.run(() => injectStream({ assistantId: "text", apiUrl: agentServerUrl() }));
    expect(() => injectMessages(stream, ["worker:1"])).toThrow(/injectMessages\(\) needs an injection context/);
    expect(() => scope.run(() => injectStreamContext())).toThrow(/provideStream/);
  });

  it("runs anywhere with { injector } and closes every connection when that injector is destroyed", async () => {
    const counter = await startConnectionCounter();
    try {
      const scope = await openScope();
      const injector = createEnvironmentInjector([], scope.app.injector);
      const stream = injectStream({ assistantId: "slow", apiUrl: counter.url, injector });
      const messages = injectMessages(stream, undefined, { injector });
      void stream.submit({ messages: "long" }, paced(20));
      await until(() => expect(messages()).toHaveLength(2));
      await expect.poll(() => counter.openConnections(), { timeout: 3_000 }).toBeGreaterThanOrEqual(1);
      const controller = stream.controller();
      injector.destroy();
      await expect.poll(() => counter.openConnections(), { timeout: 3_000 }).toBe(0);
      expect(controller.registry.disposed).toBe(true);
      // The signals keep their last value and stop updating.
      const frozen = stream.messages().at(-1)?.text;
      await pause(200);
      expect(stream.messages().at(-1)?.text).toBe(frozen);
    } finally {
      await counter.close();
    }
  });

  it("takes apiUrl from provideStreamDefaults", async () => {
    const scope = await openScope([provideStreamDefaults({ apiUrl: agentServerUrl() })]);
    const stream = scope.run(() => injectStream({ assistantId: "text" }));
    await stream.submit({ messages: "defaults" }, paced(1));
    expect(texts(stream)).toEqual(exchange("defaults"));
  });
});

describe("threadId signal", () => {
  it("follows a signal from its very first change, before any submit", async () => {
    const [first, second] = await Promise.all([seedThread("text", "alpha"), seedThread("text", "beta")]);
    const threadId = signal<string | null>(first);
    const scope = await openScope();
    const stream = scope.run(() => injectStream({ assistantId: "text", apiUrl: agentServerUrl(), threadId }));
    await until(() => expect(texts(stream)[0]).toBe("alpha"));
    threadId.set(second);
    scope.flush();
    // The switch shows on the next frame: no frame of the old thread under the new id.
    expect(stream.threadId()).toBe(second);
    expect(stream.messages()).toEqual([]);
    await until(() => expect(texts(stream)).toEqual(exchange("beta")));
    threadId.set(null);
    scope.flush();
    expect(stream.threadId()).toBeNull();
    expect(stream.messages()).toEqual([]);
    threadId.set(first);
    await until(() => expect(texts(stream)[0]).toBe("alpha"));
  });

  it("follows a function over signals (a computed route parameter)", async () => {
    const [first, second] = await Promise.all([seedThread("text", "one"), seedThread("text", "two")]);
    const route = signal({ params: { threadId: first } });
    const scope = await openScope();
    const stream = scope.run(() => injectStream({ assistantId: "text", apiUrl: agentServerUrl(), threadId: () => route().params.threadId }));
    await until(() => expect(texts(stream)[0]).toBe("one"));
    route.set({ params: { threadId: second } });
    await until(() => expect(texts(stream)[0]).toBe("two"));
  });

  it("submits on the new thread when the signal changes right before submit", async () => {
    const existing = await seedThread("text", "old thread");
    const threadId = signal<string | null>(existing);
    const scope = await openScope();
    const stream = scope.run(() =>
      injectStream({ assistantId: "text", apiUrl: agentServerUrl(), threadId, onThreadId: (id) => threadId.set(id) }),
    );
    await until(() => expect(stream.messages()).toHaveLength(2));
    threadId.set(null);
    await stream.submit({ messages: "fresh" }, paced(1));
    expect(threadId()).not.toBeNull();
    expect(threadId()).not.toBe(existing);
    expect(texts(stream)).toEqual(exchange("fresh"));
  });

  it("keeps the application unstable while the thread loads, so server rendering waits for it", async () => {
    const existing = await seedThread("text", "render me");
    const scope = await openScope();
    const stream = scope.run(() => injectStream({ assistantId: "text", apiUrl: agentServerUrl(), threadId: existing }));
    expect(stream.isThreadLoading()).toBe(true);
    await scope.app.whenStable();
    expect(stream.isThreadLoading()).toBe(false);
    expect(texts(stream)).toEqual(exchange("render me"));
  });
});
