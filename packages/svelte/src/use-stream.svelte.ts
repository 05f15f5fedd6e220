/**
 * `useStream`: one agent-server thread as Svelte state (runes and the store contract).
 */
import type { StreamController } from "@agent-stream/core";
import { untrack } from "svelte";
import { StreamState } from "./internal/stream-state.svelte.js";
import { readValue } from "./selector-target.js";
import type { StreamHandle, UseStreamOptions } from "./stream-handle.js";

/**
 * Streams one thread of an agent server. The returned object is stable: read its fields where
 * they are used (`stream.messages`, `stream.isLoading`; destructuring freezes them) or use it as a
 * store (`$stream.messages`). Snapshots are the core's immutable objects, never deep proxies.
 *
 * - `threadId` may be a getter (`() => page.threadId`): a change switches threads; `null` starts
 *   a new thread on the next submit.
 * - Pass the whole options as a getter (`() => ({ ... })`) to follow other changes too: a new
 *   `assistantId`, server, `client` or `transport` builds a new controller (the core decides,
 *   comparing by value); new callbacks are simply used.
 *
 * Call it while a component initialises, or inside `$effect.root` in a `.svelte.ts` module; the
 * stream is disposed when that component or root is destroyed.
 *
 * @example
 * <script lang="ts">
 *   import { useStream } from "@agent-stream/svelte";
 *   let { threadId } = $props();
 *   const stream = useStream({ assistantId: "agent", apiUrl: "http://localhost:2024", threadId: () => threadId });
 * </script>
 * {#each stream.messages as message (message.id)}<p>{message.text}</p>{/each}
 * <button disabled={stream.isLoading} onclick={() => stream.submit({ messages: "Hello" })}>Send</button>
 */
export function useStream<TState extends Record<string, unknown> = Record<string, unknown>, TInterrupt = unknown>(
  options: UseStreamOptions<TState> | (() => UseStreamOptions<TState>),
): StreamHandle<TState, TInterrupt> {
  const readOptions = typeof options === "function" ? options : () => options;
  const state = new StreamState<TState, TInterrupt>(untrack(readOptions));
  if (typeof options === "function") {
    $effect.pre(() => {
      const next = readOptions();
      untrack(() => state.update(next));
    });
  }
  // Render effects run at once: the controller is active and its thread loading before the first paint.
  $effect.pre(() => {
    const controller = state.controller;
    return untrack(() => controller.activate());
  });
  const bindThread = threadBinder();
  $effect.pre(() => {
    const controller = state.controller;
    const threadId = readValue(readOptions().threadId);
    untrack(() => bindThread(controller, threadId));
  });
  return state;
}

/**
 * Hydrates the thread the `threadId` option names when it or the controller changes. With no
 * `threadId` option, a rebuilt controller continues on its predecessor's thread.
 */
function threadBinder(): (controller: StreamController<any, any>, threadId: string | null | undefined) => void {
  let applied: { controller: StreamController<any, any>; threadId: string | null | undefined } | undefined;
  return (controller, threadId) => {
    const last = applied;
    if (last !== undefined && last.controller === controller && last.threadId === threadId) return;
    applied = { controller, threadId };
    const target =
      threadId !== undefined
        ? threadId
        : last !== undefined && last.controller !== controller
          ? last.controller.rootStore.getSnapshot().threadId
          : undefined;
    if (target === undefined || target === controller.rootStore.getSnapshot().threadId) return;
    void controller.hydrate(target);
  };
}
