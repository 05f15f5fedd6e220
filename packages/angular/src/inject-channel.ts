/**
 * `injectChannel`: a bounded buffer of raw protocol events.
 */
import { channelProjection, type Channel, type ChannelProjectionOptions, type ProtocolEvent } from "@agent-stream/core";
import { computed, type Signal } from "@angular/core";
import { bindingContext, type InjectOptions } from "./internal/binding-context";
import { registryOf } from "./internal/root-field";
import { registryProjection } from "./inject-projection";
import { readValue, targetNamespace, type MaybeSignal, type SelectorTarget } from "./selector-target";
import type { StreamSource } from "./stream-handle";

const NO_EVENTS: readonly ProtocolEvent[] = Object.freeze([]);

/** Options of {@link injectChannel}. */
export type InjectChannelOptions = ChannelProjectionOptions & InjectOptions;

/**
 * The raw events of `channels` at `target` (default: the root), newest last, at most `bufferSize`
 * (default 4096), accumulated across runs. With `replay` (default) events that arrived before the
 * projection opened are included. `channels` and `target` may be `Signal`s or functions.
 *
 * @example
 * readonly events = injectChannel(this.stream, ["custom"], undefined, { bufferSize: 50 });
 */
export function injectChannel(
  stream: StreamSource<any>,
  channels: MaybeSignal<readonly Channel[]>,
  target?: MaybeSignal<SelectorTarget>,
  options: InjectChannelOptions = {},
): Signal<readonly ProtocolEvent[]> {
  const { injector, ...projectionOptions } = options;
  const context = bindingContext("injectChannel", injectChannel, { injector });
  const events = registryProjection(
    () => registryOf(stream),
    () => channelProjection(readValue(channels), [...targetNamespace(readValue(target))], projectionOptions),
    context,
  );
  return computed(() => events() ?? NO_EVENTS);
}
