"use client";
/**
 * `useSuspenseStream`: `useStream` that suspends while the thread loads.
 */
import { useEffect } from "react";
import { claimHydratedController, takeHydratedController } from "./internal/suspense-cache";
import { useControllerSlot } from "./internal/use-controller-slot";
import type { StreamHandle } from "./stream-handle";
import { useSlotHandle, type UseStreamOptions } from "./use-stream";

/** Outcome of each hydration promise thrown, so the retried render knows whether it failed. */
const hydrationFailures = new WeakMap<Promise<void>, { error: unknown }>();
const watched = new WeakSet<Promise<void>>();

function suspendOn(promise: Promise<void>): never {
  if (!watched.has(promise)) {
    watched.add(promise);
    promise.then(undefined, (error: unknown) => hydrationFailures.set(promise, { error }));
  }
  throw promise;
}

/**
 * Like `useStream`, but suspends the nearest `<Suspense>` while the `threadId` thread loads (on
 * mount and on every thread switch) and throws a failed load to the nearest error boundary. Run
 * errors stay in `error`. The handle has every field and method of `useStream`'s and works with
 * every selector hook; `isThreadLoading` is always false when it renders.
 *
 * @example
 * <ErrorBoundary fallback={<p>Could not load the thread</p>}>
 *   <Suspense fallback={<Spinner />}>
 *     <Chat threadId={threadId} />
 *   </Suspense>
 * </ErrorBoundary>
 * // in Chat:
 * const stream = useSuspenseStream({ assistantId: "agent", apiUrl, threadId });
 */
export function useSuspenseStream<TState extends Record<string, unknown> = Record<string, unknown>, TInterrupt = unknown>(
  options: UseStreamOptions<TState>,
): StreamHandle<TState, TInterrupt> {
  const threadId = options.threadId;
  const slot = useControllerSlot<TState, TInterrupt>(options, (key) =>
    typeof threadId === "string" ? takeHydratedController(key, options, threadId) : undefined,
  );
  const controller = slot.controller;
  useEffect(() => claimHydratedController(controller), [controller]);
  const handle = useSlotHandle(slot);
  if (handle.isThreadLoading) suspendOn(handle.hydrationPromise);
  const failure = hydrationFailures.get(handle.hydrationPromise);
  if (failure !== undefined) throw failure.error;
  return handle;
}
