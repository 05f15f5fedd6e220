"use client";
/**
 * `useChannel`: a bounded buffer of raw protocol events.
 */
import { channelProjection, type Channel, type ChannelProjectionOptions, type ProtocolEvent } from "@agent-stream/core";
import { targetNamespace, type SelectorTarget } from "./selector-target";
import { controllerOf, type StreamSource } from "./stream-handle";
import { useRegistryProjection } from "./use-projection";

const NO_EVENTS: readonly ProtocolEvent[] = Object.freeze([]);

/**
 * The raw events of `channels` at `target` (default: the root), oldest first, at most
 * `options.bufferSize` of them (default 4096). With `replay: false` only events that arrive after
 * mount are kept. For side effects per event, use `useChannelEffect` instead.
 *
 * @example
 * const events = useChannel(stream, ["custom"]);
 * events.map((event) => <pre key={event.params.seq}>{JSON.stringify(event.params.data)}</pre>);
 */
export function useChannel(
  stream: StreamSource<any>,
  channels: readonly Channel[],
  target?: SelectorTarget,
  options: ChannelProjectionOptions = {},
): readonly ProtocolEvent[] {
  const spec = channelProjection(channels, [...targetNamespace(target)], options);
  return useRegistryProjection(controllerOf(stream).registry, spec) ?? NO_EVENTS;
}
