/**
 * `useChannelEffect`: a callback per raw protocol event.
 */
import { acquireChannelEffect, type Channel, type ChannelProjectionOptions, type ProtocolEvent } from "@agent-stream/core";
import { untrack } from "svelte";
import { readValue, targetNamespace, type SelectorTarget, type ValueOrGetter } from "./selector-target.js";
import { controllerOf, type StreamSource } from "./stream-handle.js";

/** Options of {@link useChannelEffect}. */
export interface UseChannelEffectOptions extends ChannelProjectionOptions {
  /** Called once per event, in order (the latest function passed is called). */
  onEvent: (event: ProtocolEvent) => void;
  /** Receives what `onEvent` throws; delivery continues. */
  onError?: (error: unknown, event: ProtocolEvent) => void;
  /** Where to listen (default: the root). */
  target?: ValueOrGetter<SelectorTarget>;
  /** Pauses delivery while false (default true). */
  enabled?: ValueOrGetter<boolean>;
}

/**
 * Calls `onEvent` for each event of `channels` while the component lives (live only by default:
 * `replay: false`). Channels, target and `enabled` may be getters: a change re-subscribes. Call it
 * while a component initialises (or inside `$effect.root`).
 *
 * @example
 * useChannelEffect(stream, ["custom:toast"], { onEvent: (event) => toasts.push(event.params.data) });
 */
export function useChannelEffect(
  stream: StreamSource<any>,
  channels: ValueOrGetter<readonly Channel[]>,
  options: UseChannelEffectOptions,
): void {
  $effect(() => {
    const registry = controllerOf(stream).registry;
    const subscribed = [...readValue(channels)];
    const namespace = [...targetNamespace(readValue(options.target))];
    if (readValue(options.enabled ?? true) === false) return;
    return untrack(() =>
      acquireChannelEffect(registry, subscribed, namespace, (event) => options.onEvent(event), {
        bufferSize: options.bufferSize,
        replay: options.replay,
        depth: options.depth,
        onError: options.onError === undefined ? undefined : (error, event) => options.onError?.(error, event),
      }),
    );
  });
}
