/**
 * Helpers shared by the React binding's browser tests.
 */
import { createStreamController, type StreamController } from "@agent-stream/core";
import { agentServerUrl } from "@agent-stream/test-kit/scenarios";

export { pause, seedThread } from "@agent-stream/test-kit/scenarios";

/** `config` that paces the scripted model at `tokenDelayMs` per token. */
export const paced = (tokenDelayMs: number) => ({ config: { configurable: { token_delay_ms: tokenDelayMs } } });

/** A `fetch` that counts requests whose path ends with each suffix asked for. */
export function countingFetch(): { fetch: typeof fetch; count(pathSuffix: string): number } {
  const paths: string[] = [];
  return {
    fetch: (input, init) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      paths.push(new URL(url).pathname);
      return globalThis.fetch(input, init);
    },
    count: (suffix) => paths.filter((path) => path.endsWith(suffix)).length,
  };
}

/** Starts a `slow` run on a new thread and leaves it running; resolves once it streams. */
export async function startSlowRun(tokenDelayMs = 20): Promise<string> {
  const controller: StreamController = createStreamController({ assistantId: "slow", apiUrl: agentServerUrl() });
  void controller.submit({ messages: "long run" }, paced(tokenDelayMs));
  await new Promise<void>((resolve) => {
    const check = () => {
      if (controller.rootStore.getSnapshot().messages.length < 2) return;
      unsubscribe();
      resolve();
    };
    const unsubscribe = controller.rootStore.subscribe(check);
    check();
  });
  const threadId = controller.rootStore.getSnapshot().threadId!;
  // Closing the connection leaves the run going on the server.
  await controller.dispose();
  return threadId;
}
