/**
 * `useStream`: one agent-server thread as Svelte state (runes and the store contract).
 */
import { ThreadOptionFollower, type StreamController } from "@agent-stream/core";
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
  // The core's rule: a changed option names the thread; without it a rebuilt controller keeps its predecessor's.
  const threads = new ThreadOptionFollower<StreamController<any, any>>();
  $effect.pre(() => {
    const controller = state.controller;
    const threadId = readValue(readOptions().threadId);
    untrack(() => {
      const target = threads.next(controller, threadId);
      if (target !== undefined) void controller.hydrate(target);
    });
  });
  return state;
}
