import { afterEach, describe, expect, it } from "vitest";
import { textReply } from "../../../../apps/agent-server/src/graphs/text";
import type { StreamController } from "../../src/controller/stream-controller";
import { TRANSPORTS } from "../support";
import { FAST, makeController, textOf, waitFor } from "./harness";

describe.each(TRANSPORTS)("StreamController hydration over %s", (transport) => {
  const controllers: StreamController[] = [];
  const track = <T extends StreamController>(controller: T): T => {
    controllers.push(controller);
    return controller;
  };
  afterEach(async () => {
    await Promise.all(controllers.splice(0).map((controller) => controller.dispose()));
  });

  it("hydrates an idle thread without re-streaming its history on the next run", async () => {
    const first = track(makeController(transport, "text"));
    await first.submit({ messages: "one" }, FAST);
    const threadId = first.rootStore.getSnapshot().threadId!;
    await first.dispose();

    const second = track(makeController(transport, "text"));
    await second.hydrate(threadId);
    const hydrated = second.rootStore.getSnapshot();
    expect(hydrated.messages.map(textOf)).toEqual(["one", textReply("one")]);
    expect(second.getThread()).toBeUndefined(); // idle: no connection until needed
    const loading: boolean[] = [];
    second.rootStore.subscribe(() => loading.push(second.rootStore.getSnapshot().isLoading));
    await second.submit({ messages: "two" }, FAST);
    const done = second.rootStore.getSnapshot();
    expect(done.messages.map(textOf)).toEqual(["one", textReply("one"), "two", textReply("two")]);
    // The replayed first run never toggled isLoading off before the new run ended.
    expect(loading.indexOf(false)).toBe(loading.length - 1);
  });

  it("switching threads mid-stream resets at once and lets no old event in", async () => {
    const controller = track(makeController(transport, "slow"));
    void controller.submit({ messages: "old thread" }, { config: { configurable: { token_delay_ms: 5 } } });
    await waitFor(controller, (snapshot) => textOf(snapshot.messages[1]).length > 0);
    const oldThreadId = controller.rootStore.getSnapshot().threadId;
    const hydrating = controller.hydrate(null);
    const reset = controller.rootStore.getSnapshot();
    expect(reset).toMatchObject({ threadId: null, messages: [], isLoading: false, interrupts: [] });
    await hydrating;
    const seen: string[] = [];
    controller.rootStore.subscribe(() => {
      for (const message of controller.rootStore.getSnapshot().messages) seen.push(textOf(message));
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(seen.filter((text) => text.startsWith("word"))).toEqual([]);
    expect(controller.rootStore.getSnapshot().messages).toEqual([]);
    expect(controller.rootStore.getSnapshot().threadId).not.toBe(oldThreadId);
  });

  it("a stale hydrate never settles the newer one", async () => {
    const seed = track(makeController(transport, "text"));
    await seed.submit({ messages: "seed" }, FAST);
    const existing = seed.rootStore.getSnapshot().threadId!;
    const controller = track(makeController(transport, "text"));
    void controller.hydrate(existing);
    const newer = controller.hydrate(null);
    await newer;
    await controller.hydrationPromise;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(controller.rootStore.getSnapshot()).toMatchObject({ threadId: null, messages: [], isThreadLoading: false });
  });
});
