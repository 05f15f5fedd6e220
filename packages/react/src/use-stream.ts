"use client";
/**
 * `useStream`: one agent-server thread as React state.
 */
import type { StreamOptions } from "@agent-stream/core";
import { useMemo, useSyncExternalStore } from "react";
import { useControllerSlot, type ControllerSlot } from "./internal/use-controller-slot";
import { toHandle, type StreamHandle } from "./stream-handle";

/**
 * Options of `useStream`: those of the core's `createStreamController`.
 *
 * - `threadId` switches threads when it changes (`null`: a new thread on the next submit).
 * - `assistantId`, `apiUrl`/`apiKey`/`headers`, `client` and `transport` rebuild the controller when
 *   they change; `headers` is compared by value, so an inline object does not rebuild it.
 * - Callbacks may change on every render; the latest ones are called.
 */
export type UseStreamOptions<TState extends Record<string, unknown> = Record<string, unknown>> = StreamOptions<TState>;

/**
 * Streams one thread of an agent server. Re-renders when the root snapshot changes (at most once
 * per macrotask while tokens stream); the methods keep their identity for the controller's life.
 *
 * @example
 * function Chat() {
 *   const stream = useStream({ assistantId: "agent", apiUrl: "http://localhost:2024" });
 *   return (
 *     <>
 *       {stream.messages.map((message) => <p key={message.id}>{message.text}</p>)}
 *       <button onClick={() => stream.submit({ messages: "Hello" })}>Send</button>
 *     </>
 *   );
 * }
 */
export function useStream<TState extends Record<string, unknown> = Record<string, unknown>, TInterrupt = unknown>(
  options: UseStreamOptions<TState>,
): StreamHandle<TState, TInterrupt> {
  const slot = useControllerSlot<TState, TInterrupt>(options);
  return useSlotHandle(slot);
}

/** Subscribes to the slot's root store and builds the handle (shared with `useSuspenseStream`). */
export function useSlotHandle<TState extends Record<string, unknown>, TInterrupt>(
  slot: ControllerSlot<TState, TInterrupt>,
): StreamHandle<TState, TInterrupt> {
  const { rootStore, subagentStore, subgraphStore, subgraphByNodeStore } = slot.controller;
  const snapshot = useSyncExternalStore(rootStore.subscribe, rootStore.getSnapshot, rootStore.getSnapshot);
  const subagents = useSyncExternalStore(subagentStore.subscribe, subagentStore.getSnapshot, subagentStore.getSnapshot);
  const subgraphs = useSyncExternalStore(subgraphStore.subscribe, subgraphStore.getSnapshot, subgraphStore.getSnapshot);
  const subgraphsByNode = useSyncExternalStore(
    subgraphByNodeStore.subscribe,
    subgraphByNodeStore.getSnapshot,
    subgraphByNodeStore.getSnapshot,
  );
  // A derived object, not an instance: if React drops this cache we only lose identity once.
  return useMemo(
    () => toHandle(snapshot, { subagents, subgraphs, subgraphsByNode }, slot.methods),
    [snapshot, subagents, subgraphs, subgraphsByNode, slot.methods],
  );
}
