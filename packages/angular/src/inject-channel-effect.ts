/**
 * `injectChannelEffect`: a callback per raw protocol event.
 */
import { acquireChannelEffect, type Channel, type ChannelEffectOptions, type ProtocolEvent } from "@agent-stream/core";
import { computed } from "@angular/core";
import { bindingContext, watchValue, type InjectOptions } from "./internal/binding-context";
import { registryOf } from "./internal/root-field";
import { readValue, targetNamespace, type MaybeSignal, type SelectorTarget } from "./selector-target";
import type { StreamSource } from "./stream-handle";

/** Options of {@link injectChannelEffect}. */
export interface InjectChannelEffectOptions extends Omit<ChannelEffectOptions, "onError">, InjectOptions {
  /** Called once per event, in order. */
  onEvent: (event: ProtocolEvent) => void;
  /** Receives what `onEvent` throws (default: reported as uncaught); delivery continues. */
  onError?: (error: unknown, event: ProtocolEvent) => void;
  /** Where to listen (default: the root); a `Signal` or function is followed. */
  target?: MaybeSignal<SelectorTarget>;
  /** `false` detaches; a `Signal` or function is followed (default `true`). */
  enabled?: MaybeSignal<boolean>;
}

/**
 * Calls `onEvent` for each event of `channels`, live only by default (`replay: false`), until the
 * injection context is destroyed. It follows thread switches and controller rebuilds; changing
 * `channels`, `target` or `enabled` re-attaches. Use it for toasts, logging, analytics.
 *
 * @example
 * constructor() {
 *   injectChannelEffect(this.stream, ["custom:toast"], { onEvent: (event) => this.toast(String(event.params.data)) });
 * }
 */
export function injectChannelEffect(
  stream: StreamSource<any>,
  channels: MaybeSignal<readonly Channel[]>,
  options: InjectChannelEffectOptions,
): void {
  const { onEvent, onError, target, enabled, injector, ...projectionOptions } = options;
  const context = bindingContext("injectChannelEffect", injectChannelEffect, { injector });
  const wanted = computed(() => {
    const channelList = [...new Set(readValue(channels))].sort();
    return {
      registry: registryOf(stream),
      channelList,
      key: `${channelList.join(",")}|${JSON.stringify(targetNamespace(readValue(target)))}`,
      namespace: [...targetNamespace(readValue(target))],
      enabled: readValue(enabled) ?? true,
    };
  });
  watchValue(
    wanted,
    (current, onCleanup) => {
      if (!current.enabled || current.channelList.length === 0) return;
      const stop = acquireChannelEffect(current.registry, current.channelList, current.namespace, onEvent, {
        ...projectionOptions,
        ...(onError === undefined ? {} : { onError }),
      });
      onCleanup(stop);
    },
    context,
    (a, b) => a.registry === b.registry && a.key === b.key && a.enabled === b.enabled,
  );
}
