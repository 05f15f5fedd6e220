/**
 * `provideStream` and `useStreamContext`: one stream shared by a component subtree.
 */
import { inject, provide, type InjectionKey } from "vue";
import type { StreamHandle } from "./stream-handle";
import { useStream, type UseStreamOptions } from "./use-stream";

/**
 * Where `provideStream` puts its handle. Provide any handle under it yourself (one made in a Pinia
 * store, a test double) and `useStreamContext()` finds it.
 *
 * @example
 * provide(STREAM_CONTEXT_KEY, chatStore.stream);
 */
export const STREAM_CONTEXT_KEY: InjectionKey<StreamHandle<any, any>> = Symbol("@agent-stream/vue/stream");

/**
 * Runs `useStream(options)` and shares the handle with every `useStreamContext()` below this
 * component; returns the handle.
 *
 * @example
 * // ChatRoot.vue
 * const stream = provideStream({ assistantId: "agent", apiUrl: "http://localhost:2024" });
 */
export function provideStream<TState extends Record<string, unknown> = Record<string, unknown>, TInterrupt = unknown>(
  options: UseStreamOptions<TState>,
): StreamHandle<TState, TInterrupt> {
  const stream = useStream<TState, TInterrupt>(options);
  provide(STREAM_CONTEXT_KEY, stream);
  return stream;
}

/**
 * The handle of the nearest `provideStream` above this component. Throws when there is none.
 *
 * @example
 * const { messages, submit } = useStreamContext<ChatState>();
 */
export function useStreamContext<TState extends Record<string, unknown> = Record<string, unknown>, TInterrupt = unknown>(): StreamHandle<
  TState,
  TInterrupt
> {
  const stream = inject(STREAM_CONTEXT_KEY, null);
  if (stream === null) {
    throw new Error(
      "useStreamContext() found no stream: call provideStream({ assistantId, apiUrl }) in an ancestor component's setup " +
        "(or provide(STREAM_CONTEXT_KEY, stream)).",
    );
  }
  return stream as StreamHandle<TState, TInterrupt>;
}
