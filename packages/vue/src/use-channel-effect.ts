/**
 * `useChannelEffect`: a callback per raw protocol event.
 */
import { acquireChannelEffect, type Channel, type ChannelEffectOptions, type ProtocolEvent } from "@agent-stream/core";
import { computed, toValue, watch, type MaybeRefOrGetter } from "vue";
import { registryOf } from "./internal/use-root-field";
import { targetNamespace, type SelectorTarget } from "./selector-target";
import type { StreamSource } from "./stream-handle";

/** Options of {@link useChannelEffect}. */
export interface UseChannelEffectOptions extends Omit<ChannelEffectOptions, "onError"> {
  /** Called once per event, in order. */
  onEvent: (event: ProtocolEvent) => void;
  /** Receives what `onEvent` throws (default: reported as uncaught); delivery continues. */
  onError?: (error: unknown, event: ProtocolEvent) => void;
  /** Where to listen (default: the root); a ref or getter is followed. */
  target?: MaybeRefOrGetter<SelectorTarget>;
  /** `false` detaches; a ref or getter is followed (default `true`). */
  enabled?: MaybeRefOrGetter<boolean>;
}

/**
 * Calls `onEvent` for each event of `channels`, live only by default (`replay: false`), until the
 * effect scope is disposed. It follows thread switches and controller rebuilds; changing
 * `channels`, `target` or `enabled` re-attaches. Use it for toasts, logging, analytics.
 *
 * @example
 * useChannelEffect(stream, ["custom:toast"], { onEvent: (event) => toast(String(event.params.data)) });
 */
export function useChannelEffect(
  stream: StreamSource<any>,
  channels: MaybeRefOrGetter<readonly Channel[]>,
  options: UseChannelEffectOptions,
): void {
  const { onEvent, onError, target, enabled, ...projectionOptions } = options;
  const channelList = computed(() => [...toValue(channels)]);
  const channelKey = computed(() => [...new Set(channelList.value)].sort().join(","));
  const namespaceKey = computed(() => JSON.stringify(targetNamespace(toValue(target))));
  watch(
    [() => registryOf(stream), channelKey, namespaceKey, () => toValue(enabled) ?? true],
    ([registry, , namespace, isEnabled], _previous, onCleanup) => {
      if (!isEnabled || channelList.value.length === 0) return;
      const stop = acquireChannelEffect(registry, channelList.value, JSON.parse(namespace) as string[], onEvent, {
        ...projectionOptions,
        ...(onError === undefined ? {} : { onError }),
      });
      onCleanup(stop);
    },
    { immediate: true, flush: "sync" },
  );
}
