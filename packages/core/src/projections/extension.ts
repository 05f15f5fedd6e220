/**
 * The latest payload of a named custom channel: `extensionProjection`.
 */
import { isRecord } from "../assembly/json";
import { channelOfEvent } from "../protocol/filter";
import type { Namespace, ProtocolEvent } from "../protocol/types";
import { isSameScope } from "./namespace";
import { namespaceKey } from "../protocol/filter";
import { BatchedFlush, openScopedSubscription } from "./runtime";
import type { ScopedProjectionSpec } from "./types";

/**
 * The payload of a `custom:<name>` event: `data.payload` when the event carries one (stream
 * transformers, `{name, payload}` writes), otherwise the object the graph wrote (`{name, ...fields}`).
 *
 * @example
 * customPayload(event); // { name: "progress", percent: 40 }
 */
export function customPayload(event: ProtocolEvent): unknown {
  const data = event.params.data;
  if (isRecord(data) && Object.prototype.hasOwnProperty.call(data, "payload")) return data.payload;
  return data;
}

/**
 * The latest payload a graph wrote to the custom channel `name` (`config.writer({ name, ... })`)
 * at exactly `namespace`; `undefined` until the first one. Writes are published at most once per
 * macrotask (the newest wins).
 *
 * @example
 * const { store } = controller.registry.acquire(extensionProjection<{ percent: number }>("progress"));
 * store.subscribe(() => setProgress(store.getSnapshot()?.percent ?? 0));
 */
export function extensionProjection<T = unknown>(
  name: string,
  namespace: Namespace = [],
): ScopedProjectionSpec<T | undefined> {
  const channel = `custom:${name}` as const;
  return {
    key: `extension|${name}|${namespaceKey(namespace)}`,
    initial: () => undefined,
    open(context) {
      let latest: T | undefined;
      const flush = new BatchedFlush(() => context.store.setValue(latest), context.scheduler);
      const stop = openScopedSubscription(
        context,
        { channels: [channel], namespaces: [namespace], depth: 0 },
        {
          onEvent(event) {
            if (channelOfEvent(event) !== channel || !isSameScope(namespace, event.params.namespace)) return;
            latest = customPayload(event) as T;
            flush.request();
          },
          onEnd: () => flush.runNow(),
        },
      );
      return {
        dispose() {
          stop();
          flush.cancel();
        },
      };
    },
  };
}
