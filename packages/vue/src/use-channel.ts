/**
 * `useChannel`: a bounded buffer of raw protocol events.
 */
import { channelProjection, type Channel, type ChannelProjectionOptions, type ProtocolEvent } from "@agent-stream/core";
import { computed, toValue, type ComputedRef, type MaybeRefOrGetter } from "vue";
import { registryOf } from "./internal/use-root-field";
import { targetNamespace, type SelectorTarget } from "./selector-target";
import type { StreamSource } from "./stream-handle";
import { useRegistryProjection } from "./use-projection";

const NO_EVENTS: readonly ProtocolEvent[] = Object.freeze([]);

/**
 * The raw events of `channels` at `target` (default: the root), newest last, at most `bufferSize`
 * (default 4096), accumulated across runs. With `replay` (default) events that arrived before the
 * projection opened are included. `channels` and `target` may be refs or getters.
 *
 * @example
 * const events = useChannel(stream, ["custom"], undefined, { bufferSize: 50 });
 * // <li v-for="event in events" :key="event.params.seq">{{ event.params.data }}</li>
 */
export function useChannel(
  stream: StreamSource<any>,
  channels: MaybeRefOrGetter<readonly Channel[]>,
  target?: MaybeRefOrGetter<SelectorTarget>,
  options: ChannelProjectionOptions = {},
): ComputedRef<readonly ProtocolEvent[]> {
  const events = useRegistryProjection(
    () => registryOf(stream),
    () => channelProjection(toValue(channels), [...targetNamespace(toValue(target))], options),
  );
  return computed(() => events.value ?? NO_EVENTS);
}
