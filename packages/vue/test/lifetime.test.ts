/**
 * Lifetime outside components: effect scopes (what a Pinia setup store runs in), app context,
 * ref-counted projections released with their scope.
 */
import { agentServerUrl, startConnectionCounter } from "@agent-stream/test-kit/scenarios";
import { describe, expect, it, vi } from "vitest";
import { createApp, effectScope } from "vue";
import { AgentStreamPlugin, useMessages, useStream, useToolCalls } from "../src/index";
import { inScope, paced, pause } from "./support";

describe("outside components", () => {
  it("throws a clear error without an effect scope", () => {
    expect(() => useStream({ assistantId: "text", apiUrl: agentServerUrl() })).toThrow(/effectScope\(\)\.run/);
  });

  it("lives as long as its effect scope: stopping it closes every connection", async () => {
    const counter = await startConnectionCounter();
    try {
      const { result: stream, scope } = inScope(() => useStream({ assistantId: "slow", apiUrl: counter.url }));
      void stream.submit({ messages: "long" }, paced(20));
      await vi.waitFor(() => expect(stream.messages.value).toHaveLength(2));
      await expect.poll(() => counter.openConnections(), { timeout: 3_000 }).toBeGreaterThanOrEqual(1);
      const controller = stream.controller.value;
      scope.stop();
      await expect.poll(() => counter.openConnections(), { timeout: 3_000 }).toBe(0);
      expect(controller.registry.disposed).toBe(true);
      // The refs keep their last value and stop updating.
      const frozen = stream.messages.value.at(-1)?.text;
      await pause(200);
      expect(stream.messages.value.at(-1)?.text).toBe(frozen);
    } finally {
      await counter.close();
    }
  });

  it("reads the plugin's defaults inside app.runWithContext (as a Pinia store does)", async () => {
    const app = createApp({ render: () => null }).use(AgentStreamPlugin, { apiUrl: agentServerUrl() });
    const scope = effectScope(true);
    const stream = app.runWithContext(() => scope.run(() => useStream({ assistantId: "text" })))!;
    try {
      await stream.submit({ messages: "store" }, paced(1));
      expect(stream.messages.value.at(-1)?.text).toContain('You said "store"');
    } finally {
      scope.stop();
    }
  });
});

describe("ref-counted selectors", () => {
  it("share one projection per namespace and release it with the last scope", async () => {
    const { result: stream, scope: streamScope } = inScope(() => useStream({ assistantId: "text", apiUrl: agentServerUrl() }));
    const registry = stream.controller.value.registry;
    const first = inScope(() => useMessages(stream, ["worker:1"]));
    const second = inScope(() => ({ messages: useMessages(stream, ["worker:1"]), tools: useToolCalls(stream, ["worker:1"]) }));
    // Root selectors read the root snapshot and hold nothing.
    const rootOnly = inScope(() => ({ messages: useMessages(stream), tools: useToolCalls(stream) }));
    expect(registry.size).toBe(2);
    first.scope.stop();
    expect(registry.size).toBe(2);
    second.scope.stop();
    expect(registry.size).toBe(0);
    rootOnly.scope.stop();
    streamScope.stop();
  });
});
