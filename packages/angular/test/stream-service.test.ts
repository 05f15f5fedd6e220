/**
 * `StreamService` and `provideStream`: shared streams whose connection and effects end with the
 * injector that created them.
 */
import { agentServerUrl, startConnectionCounter } from "@agent-stream/test-kit/scenarios";
import { Component, createComponent, createEnvironmentInjector, inject, Injectable, signal } from "@angular/core";
import { describe, expect, it } from "vitest";
import { injectMessages, injectStreamContext, provideStream, StreamService } from "../src/index";
import { paced, seedThread, testApplication, until } from "./support";

describe("StreamService", () => {
  it("destroying the injector that created the service closes every connection", async () => {
    const counter = await startConnectionCounter();
    try {
      const ChatStream = Injectable()(
        class extends StreamService {
          constructor() {
            super({ assistantId: "slow", apiUrl: counter.url });
          }
        },
      );
      const app = await testApplication();
      const injector = createEnvironmentInjector([ChatStream], app.injector);
      const chat = injector.get(ChatStream);
      void chat.submit({ messages: "long" }, paced(20));
      await until(() => expect(chat.messages()).toHaveLength(2));
      await expect.poll(() => counter.openConnections(), { timeout: 3_000 }).toBeGreaterThanOrEqual(1);
      injector.destroy();
      await expect.poll(() => counter.openConnections(), { timeout: 3_000 }).toBe(0);
      expect(chat.controller().registry.disposed).toBe(true);
    } finally {
      await counter.close();
    }
  });

  it("a component-scoped service ends with its component: no connection, no effect left behind", async () => {
    const counter = await startConnectionCounter();
    try {
      const [first, second] = await Promise.all([seedThread("text", "first"), seedThread("text", "second")]);
      const threadId = signal(first);
      const ChatStream = Injectable()(
        class extends StreamService {
          constructor() {
            super({ assistantId: "text", apiUrl: counter.url, threadId });
          }
        },
      );
      const Chat = Component({
        selector: "test-service-chat",
        providers: [ChatStream],
        template: `@for (message of messages(); track $index) {<p>{{ message.text }}</p>}`,
      })(
        class {
          readonly chat = inject(ChatStream);
          // Selectors accept the service as their stream.
          readonly messages = injectMessages(this.chat);
        },
      );
      const app = await testApplication();
      const host = document.createElement("div");
      const ref = createComponent(Chat, { environmentInjector: app.injector, hostElement: host });
      app.attachView(ref.hostView);
      await until(() => expect(host.textContent).toContain('You said "first"'));
      const controller = ref.instance.chat.controller();
      const opened = await counter.totalOpened();
      ref.destroy();
      await until(() => expect(controller.registry.disposed).toBe(true));
      // The thread effect died with the component: a new threadId moves nothing.
      threadId.set(second);
      app.tick();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(controller.rootStore.getSnapshot().threadId).toBe(first);
      expect(await counter.totalOpened()).toBe(opened);
      expect(await counter.openConnections()).toBe(0);
    } finally {
      await counter.close();
    }
  });
});

describe("provideStream", () => {
  it("shares one stream with every component below the provider and closes it with the provider", async () => {
    const Child = Component({ selector: "test-child", template: `{{ stream.messages().length }}` })(
      class {
        readonly stream = injectStreamContext();
      },
    );
    const Parent = Component({
      selector: "test-parent",
      imports: [Child],
      providers: [provideStream({ assistantId: "text", apiUrl: agentServerUrl() })],
      template: `<test-child />`,
    })(
      class {
        readonly stream = injectStreamContext();
      },
    );
    const app = await testApplication();
    const host = document.createElement("div");
    const ref = createComponent(Parent, { environmentInjector: app.injector, hostElement: host });
    app.attachView(ref.hostView);
    app.tick();
    expect(host.textContent).toBe("0");
    await ref.instance.stream.submit({ messages: "shared" }, paced(1));
    await until(() => expect(host.textContent).toBe("2"));
    const controller = ref.instance.stream.controller();
    ref.destroy();
    await until(() => expect(controller.registry.disposed).toBe(true));
  });
});
