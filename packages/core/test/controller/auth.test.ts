import { describe, expect, it } from "vitest";
import { textReply } from "../../../../apps/agent-server/src/graphs/text";
import { TransportError } from "../../src/protocol/errors";
import type { WebSocketInit } from "../../src/index";
import { nodeWebSocketFactory } from "@agent-stream/test-kit";
import { TRANSPORTS } from "../support";
import { FAST, textOf, useControllers } from "./harness";

const API_KEY = "agent-stream-test-key";

describe.each(TRANSPORTS)("StreamController behind an API-key gateway over %s", (transport) => {
  const suite = useControllers(transport);

  it("sends apiKey and headers with every request and connection, so a run streams through the gateway", async () => {
    const gateway = await suite.proxy();
    gateway.setFaults({ requireApiKey: API_KEY });
    const upgrades: WebSocketInit[] = [];
    const controller = suite.make("text", {
      apiUrl: gateway.url,
      apiKey: API_KEY,
      headers: { "x-tenant": "acme" },
      webSocketFactory: (url, init) => {
        upgrades.push(init);
        return nodeWebSocketFactory(url, init);
      },
    });

    await controller.submit({ messages: "hello" }, FAST);

    const snapshot = controller.rootStore.getSnapshot();
    expect(snapshot.error).toBeUndefined();
    expect(snapshot.messages.map(textOf)).toEqual(["hello", textReply("hello")]);
    expect(gateway.stats().unauthorized).toBe(0);
    if (transport === "websocket") {
      expect(upgrades.length).toBeGreaterThan(0);
      for (const init of upgrades) expect(init.headers).toMatchObject({ "x-api-key": API_KEY, "x-tenant": "acme" });
    }
  });
});

describe("WebSocket transport with headers it cannot send", () => {
  const suite = useControllers("websocket");

  it("fails the submit at once with an error that names the headers and the ways out, and keeps nothing loading", async () => {
    const controller = suite.make("text", { apiKey: API_KEY, webSocketFactory: undefined });

    const outcome = await Promise.race([
      controller.submit({ messages: "hello" }, FAST).then(
        () => "resolved",
        (error: unknown) => error,
      ),
      new Promise((resolve) => setTimeout(() => resolve("still waiting after 5 s"), 5_000)),
    ]);

    const snapshot = controller.rootStore.getSnapshot();
    const error = outcome instanceof Error ? outcome : snapshot.error;
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toMatch(/cannot send x-api-key/);
    expect((error as Error).message).toMatch(/sse/);
    expect(snapshot.isLoading).toBe(false);
  });
});
