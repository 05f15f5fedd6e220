/**
 * `useChannel`: a bounded buffer of raw protocol events.
 */
import { channelProjection, type Channel, type ChannelProjectionOptions, type ProtocolEvent } from "@agent-stream/core";
import { ProjectionValue } from "./internal/projection-value.js";
import type { ReactiveValue } from "./reactive-value.js";
import { readValue, targetNamespace, type SelectorTarget, type ValueOrGetter } from "./selector-target.js";
import { controllerOf, type StreamSource } from "./stream-handle.js";

/**
 * The raw events of `channels` at `target` (default: the root) and its direct children, oldest
 * first, at most `bufferSize` (default 4096) of them; with `replay` (default true) events from
 * before the first read are included. The buffer accumulates across runs.
 *
 * @example
 * const events = useChannel(stream, ["custom"], undefined, { bufferSize: 50 });
 * // {#each events.current as event}<pre>{JSON.stringify(event.params.data)}</pre>{/each}
 */
export function useChannel(
  stream: StreamSource<any>,
  channels: ValueOrGetter<readonly Channel[]>,
  target?: ValueOrGetter<SelectorTarget>,
  options: ChannelProjectionOptions = {},
): ReactiveValue<readonly ProtocolEvent[]> {
  return new ProjectionValue(() => ({
    registry: controllerOf(stream).registry,
    spec: channelProjection(readValue(channels), [...targetNamespace(readValue(target))], options),
  }));
}
