import type { BaseMessage } from "@langchain/core/messages";
import { agentServerUrl } from "@agent-stream/test-kit";
import { afterEach } from "vitest";
import { Client } from "../../src/client/client";
import { ChannelRegistry } from "../../src/store/channel-registry";
import type { ReadableStore } from "../../src/store/stream-store";
import type { ThreadStream } from "../../src/thread/thread-stream";
import type { ProjectionShared, ScopedThread } from "../../src/projections/index";
import { openThread, type TransportName } from "../support";

/** A registry bound straight to a thread, as a non-controller user would build it. */
export function registryFor(thread: ThreadStream): ChannelRegistry<ScopedThread, ProjectionShared> {
  const registry = new ChannelRegistry<ScopedThread, ProjectionShared>({ onError: (error) => console.error(error) });
  registry.bind(thread);
  return registry;
}

/** A REST client on the shared agent server. */
export function restClient(): Client {
  return new Client({ apiUrl: agentServerUrl() });
}

/** Opens threads for one test and closes them (and disposes registries) afterwards. */
export function useThreads(transport: TransportName) {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    open(assistantId: string, options: Parameters<typeof openThread>[2] = {}): ThreadStream {
      const thread = openThread(transport, assistantId, options);
      cleanups.push(() => thread.close());
      return thread;
    },
    registry(thread: ThreadStream): ChannelRegistry<ScopedThread, ProjectionShared> {
      const registry = registryFor(thread);
      cleanups.push(() => registry.dispose());
      return registry;
    },
    defer(cleanup: () => unknown): void {
      cleanups.push(cleanup);
    },
  };
}

/** Resolves with the store's snapshot once `predicate` holds; rejects with the last one after `timeoutMs`. */
export function waitForStore<T>(store: ReadableStore<T>, predicate: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const value = store.getSnapshot();
      if (!predicate(value)) return false;
      clearTimeout(timer);
      unsubscribe();
      resolve(value);
      return true;
    };
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`waitForStore timed out; last value: ${describe(store.getSnapshot())}`));
    }, timeoutMs);
    const unsubscribe = store.subscribe(() => void check());
    check();
  });
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value instanceof Map ? [...value.entries()] : value, (_key, entry) =>
      typeof entry === "object" && entry !== null && "lc_kwargs" in entry ? `${(entry as BaseMessage).getType()}:${textOf(entry as BaseMessage)}` : entry,
    ).slice(0, 2_000);
  } catch {
    // Circular or exotic values: the type is enough for a timeout message.
    return typeof value;
  }
}

/** Plain text of a message (string content or text blocks). */
export function textOf(message: BaseMessage | undefined): string {
  if (message === undefined) return "";
  const content = message.content;
  if (typeof content === "string") return content;
  return content
    .map((block) => (typeof block === "object" && block !== null && block.type === "text" ? String(block.text ?? "") : ""))
    .join("");
}

/** Resolves once the store's messages read exactly `expected` (as {@link transcript}); shows the last on timeout. */
export async function waitForTranscript(
  store: ReadableStore<readonly BaseMessage[]>,
  expected: readonly string[],
  timeoutMs = 10_000,
): Promise<string[]> {
  const matches = (messages: readonly BaseMessage[]) => JSON.stringify(transcript(messages)) === JSON.stringify(expected);
  try {
    return transcript(await waitForStore(store, matches, timeoutMs));
  } catch {
    // Timed out: return what is there so the assertion shows the difference.
    return transcript(store.getSnapshot());
  }
}

/** `type:text` of each message, for readable assertions. */
export function transcript(messages: readonly BaseMessage[]): string[] {
  return messages.map((message) => `${message.getType()}:${textOf(message)}`);
}
