import { describe, expect, it } from "vitest";
import { messagesProjection, toolCallsProjection, valuesProjection } from "../../src/index";
import { TRANSPORTS } from "../support";
import { FAST, sleep, useControllers } from "./harness";

describe.each(TRANSPORTS)("root projections through controller.registry over %s", (transport) => {
  const suite = useControllers(transport);

  it("values, messages and tool calls come from the root pump: no second server subscription", async () => {
    const proxy = await suite.proxy();
    const controller = suite.make("tool_agent", { apiUrl: proxy.url });
    await controller.submit({ messages: "warm up" }, FAST);
    const opensBefore = proxy.stats().streamOpens + proxy.stats().wsUpgrades;
    expect(opensBefore).toBe(1);

    const values = controller.registry.acquire(valuesProjection([]));
    const messages = controller.registry.acquire(messagesProjection([]));
    const toolCalls = controller.registry.acquire(toolCallsProjection([]));
    const again = controller.registry.acquire(messagesProjection([]));
    expect(again.store).toBe(messages.store);
    expect(controller.registry.size).toBe(3);
    // Already filled from what the controller shows.
    expect(messages.store.getSnapshot()).toBe(controller.rootStore.getSnapshot().messages);

    await controller.submit({ messages: "What's the weather in Paris?" }, FAST);
    await sleep(50);
    const root = controller.rootStore.getSnapshot();
    expect(values.store.getSnapshot()).toBe(root.values);
    expect(messages.store.getSnapshot()).toBe(root.messages);
    expect(toolCalls.store.getSnapshot()).toBe(root.toolCalls);
    expect(root.toolCalls.length).toBeGreaterThan(0);
    expect(proxy.stats().streamOpens + proxy.stats().wsUpgrades).toBe(opensBefore);

    for (const held of [values, messages, toolCalls, again]) held.release();
    await sleep(20);
    expect(controller.registry.size).toBe(0);
  });

  it("keys root and scoped specs apart, so a scoped consumer never shares the root mirror", () => {
    expect(messagesProjection(["agent:1"]).key).not.toBe(messagesProjection().key);
    expect(messagesProjection([]).key).toBe(messagesProjection().key);
  });
});
