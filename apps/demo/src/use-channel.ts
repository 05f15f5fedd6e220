/**
 * Stand-in for `useChannel` of `@agent-stream/react`, which the binding does not export yet: the
 * same thing composed from the binding's public `useProjection` and the core's `channelProjection`.
 * Replace the import with `@agent-stream/react` once it does.
 */
import { channelProjection, type Channel, type ChannelProjectionOptions, type ProtocolEvent } from "@agent-stream/core";
import { useProjection, type StreamSource } from "@agent-stream/react";

/**
 * The raw events of `channels` at `namespace` (and `options.depth` levels below), oldest first.
 *
 * @example
 * const events = useChannel(stream, ["lifecycle", "tools"], [], { depth: Number.POSITIVE_INFINITY });
 */
export function useChannel(
  stream: StreamSource<any>,
  channels: readonly Channel[],
  namespace: readonly string[] = [],
  options: ChannelProjectionOptions = {},
): readonly ProtocolEvent[] {
  return useProjection(stream, channelProjection(channels, [...namespace], options));
}
