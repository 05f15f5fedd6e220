"use client";
/**
 * `StreamProvider` and `useStreamContext`: one stream shared by a subtree.
 */
import { createContext, useContext, type ReactNode } from "react";
import type { StreamHandle } from "./stream-handle";
import { useStream, type UseStreamOptions } from "./use-stream";

const StreamContext = createContext<StreamHandle<any, any> | null>(null);

/** Props of {@link StreamProvider}: the options of `useStream` plus `children`. */
export type StreamProviderProps<TState extends Record<string, unknown> = Record<string, unknown>> = UseStreamOptions<TState> & {
  children?: ReactNode;
};

/**
 * Runs `useStream(options)` and shares the handle with every `useStreamContext()` below it.
 *
 * @example
 * <StreamProvider assistantId="agent" apiUrl="http://localhost:2024">
 *   <Messages />
 *   <Composer />
 * </StreamProvider>
 */
export function StreamProvider<TState extends Record<string, unknown> = Record<string, unknown>>(
  props: StreamProviderProps<TState>,
): ReactNode {
  const { children, ...options } = props;
  const stream = useStream<TState>(options as UseStreamOptions<TState>);
  return <StreamContext.Provider value={stream}>{children}</StreamContext.Provider>;
}

/**
 * The handle of the nearest `StreamProvider`. Throws when there is none.
 *
 * @example
 * const { messages, submit } = useStreamContext<ChatState>();
 */
export function useStreamContext<TState extends Record<string, unknown> = Record<string, unknown>, TInterrupt = unknown>(): StreamHandle<
  TState,
  TInterrupt
> {
  const stream = useContext(StreamContext);
  if (stream === null) {
    throw new Error("useStreamContext() found no stream: render this component inside a <StreamProvider assistantId=... apiUrl=...>.");
  }
  return stream as StreamHandle<TState, TInterrupt>;
}
