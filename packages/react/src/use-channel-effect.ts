"use client";
/**
 * `useChannelEffect`: run a callback for each raw protocol event.
 */
import {
  acquireChannelEffect,
  reportUncaughtError,
  type Channel,
  type ChannelEffectOptions,
  type ProtocolEvent,
} from "@agent-stream/core";
import { useEffect, useRef } from "react";
import { useIsomorphicLayoutEffect } from "./internal/use-controller-slot";
import { targetNamespace, type SelectorTarget } from "./selector-target";
import { controllerOf, type StreamSource } from "./stream-handle";

/** Options of {@link useChannelEffect}. Callbacks may change on every render. */
export interface UseChannelEffectOptions extends Omit<ChannelEffectOptions, "onError"> {
  onEvent(event: ProtocolEvent): void;
  /** Receives what `onEvent` throws (default: reported as uncaught); delivery continues. */
  onError?: (error: unknown, event: ProtocolEvent) => void;
  target?: SelectorTarget;
  /** `false` detaches (default true). */
  enabled?: boolean;
}

/**
 * Calls `options.onEvent` once per event of `channels`, in order, from mount until unmount. Live
 * only by default (`replay: false`): events from before mount are skipped. Survives thread
 * switches (the new thread's events are delivered) and shares its buffer with matching consumers.
 *
 * @example
 * useChannelEffect(stream, ["custom:toast"], { onEvent: (event) => toast(String(event.params.data)) });
 */
export function useChannelEffect(stream: StreamSource<any>, channels: readonly Channel[], options: UseChannelEffectOptions): void {
  const latest = useRef(options);
  useIsomorphicLayoutEffect(() => {
    latest.current = options;
  });
  const registry = controllerOf(stream).registry;
  const namespace = targetNamespace(options.target);
  const { replay, bufferSize, depth, enabled = true } = options;
  // Re-attach only when what is subscribed changes, not when a new array literal is passed.
  const subscriptionKey = JSON.stringify([channels, namespace, replay, bufferSize, depth]);
  useEffect(() => {
    if (!enabled) return;
    const [channelList, namespaceList] = JSON.parse(subscriptionKey) as [Channel[], string[]];
    return acquireChannelEffect(registry, channelList, namespaceList, (event) => latest.current.onEvent(event), {
      replay,
      bufferSize,
      depth,
      onError: (error, event) => {
        const onError = latest.current.onError;
        if (onError === undefined) reportUncaughtError(error);
        else onError(error, event);
      },
    });
  }, [registry, subscriptionKey, enabled, replay, bufferSize, depth]);
}
