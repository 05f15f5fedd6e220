/**
 * Small helpers the bindings' browser tests share: a thread with one finished exchange, a pause.
 */
import { createStreamController } from "@agent-stream/core";
import { agentServerUrl } from "../agent-server-url.js";
import { paced } from "./session.js";

/**
 * Runs one exchange on a new thread with a throwaway controller; resolves to the thread id.
 *
 * @example
 * const threadId = await seedThread("text", "hello");
 */
export async function seedThread(assistantId: string, text: string): Promise<string> {
  const controller = createStreamController({ assistantId, apiUrl: agentServerUrl() });
  try {
    await controller.submit({ messages: text }, paced(1));
    const { threadId, error } = controller.rootStore.getSnapshot();
    if (threadId === null || error !== undefined) throw new Error(`seedThread failed: ${String(error)}`);
    return threadId;
  } finally {
    await controller.dispose();
  }
}

/**
 * Resolves after `ms` milliseconds.
 *
 * @example
 * await pause(300);
 */
export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
