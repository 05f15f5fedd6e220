/**
 * `provideStream` and `useStreamContext`: one stream shared by a component subtree.
 */
import { getContext, hasContext, setContext } from "svelte";
import type { StreamHandle, UseStreamOptions } from "./stream-handle.js";
import { useStream } from "./use-stream.svelte.js";

const STREAM_CONTEXT = Symbol.for("@agent-stream/svelte/stream");

function isHandle(value: unknown): value is StreamHandle<any, any> {
  return typeof value === "object" && value !== null && "controller" in value && "subscribe" in value;
}

/**
 * Shares a stream with every `useStreamContext()` below this component: pass options (it calls
 * `useStream`) or a stream made elsewhere (e.g. in a `.svelte.ts` module). Returns the stream.
 * Call it while the component initialises.
 *
 * @example
 * <script lang="ts">
 *   import { provideStream } from "@agent-stream/svelte";
 *   const stream = provideStream({ assistantId: "agent", apiUrl: "http://localhost:2024" });
 * </script>
 * <Messages /><Composer />
 */
export function provideStream<TState extends Record<string, unknown> = Record<string, unknown>, TInterrupt = unknown>(
  source: UseStreamOptions<TState> | (() => UseStreamOptions<TState>) | StreamHandle<TState, TInterrupt>,
): StreamHandle<TState, TInterrupt> {
  const stream = isHandle(source)
    ? source
    : useStream<TState, TInterrupt>(source as UseStreamOptions<TState> | (() => UseStreamOptions<TState>));
  setContext(STREAM_CONTEXT, stream);
  return stream;
}

/**
 * The stream of the nearest `provideStream` above this component. Throws when there is none.
 * Call it while the component initialises.
 *
 * @example
 * const stream = useStreamContext<ChatState>();
 */
export function useStreamContext<TState extends Record<string, unknown> = Record<string, unknown>, TInterrupt = unknown>(): StreamHandle<
  TState,
  TInterrupt
> {
  if (!hasContext(STREAM_CONTEXT)) {
    throw new Error(
      "useStreamContext() found no stream: call provideStream({ assistantId, apiUrl }) in a parent component first.",
    );
  }
  return getContext<StreamHandle<TState, TInterrupt>>(STREAM_CONTEXT);
}
