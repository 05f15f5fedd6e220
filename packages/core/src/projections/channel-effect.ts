/**
 * Side effects per raw event: `acquireChannelEffect`.
 */
import type { Channel, Namespace, ProtocolEvent } from "../protocol/types";
import { reportUncaughtError } from "../store/report-error";
import type { AcquiredProjection } from "../store/projection";
import { channelBufferPosition, channelProjection, type ChannelProjectionOptions } from "./channel";
import type { ScopedProjectionSpec, ScopedThread } from "./types";

/** Something that hands out projections (`ChannelRegistry`, `controller.registry`). */
export interface ProjectionAcquirer {
  acquire<T>(spec: ScopedProjectionSpec<T>): AcquiredProjection<T>;
}

/** Where {@link acquireChannelEffect} reads events from: a registry, or a thread directly. */
export type ChannelEffectSource = ProjectionAcquirer | ScopedThread;

/** Options of {@link acquireChannelEffect}. */
export interface ChannelEffectOptions extends ChannelProjectionOptions {
  /** Receives what `callback` throws (default: reported as uncaught); delivery continues. */
  onError?: (error: unknown, event: ProtocolEvent) => void;
}

/** Remembers how many events of a channel buffer were delivered, so each is delivered once. */
class EventCursor {
  #delivered: number;
  #sequence: object | undefined;

  /** Starts after the events `buffer` already holds. */
  constructor(buffer: readonly ProtocolEvent[]) {
    const position = channelBufferPosition(buffer);
    this.#delivered = position.count;
    this.#sequence = position.sequence;
  }

  /** Delivers the events of `buffer` not delivered yet (from its start if older ones were evicted). */
  advance(buffer: readonly ProtocolEvent[], deliver: (event: ProtocolEvent) => void): void {
    const { count: total, sequence } = channelBufferPosition(buffer);
    if (sequence !== this.#sequence) {
      // A new runtime (the registry bound another thread): its sequence starts from zero.
      this.#sequence = sequence;
      this.#delivered = 0;
    }
    const first = total - buffer.length;
    for (let count = Math.max(this.#delivered, first); count < total; count += 1) {
      this.#delivered = count + 1;
      deliver(buffer[count - first]!);
    }
  }
}

function isAcquirer(source: ChannelEffectSource): source is ProjectionAcquirer {
  return typeof (source as Partial<ProjectionAcquirer>).acquire === "function";
}

/**
 * Calls `callback` once for each event of `channels` at `namespace`, in order, until the returned
 * function is called (idempotent). Live only by default (`replay: false`): events that arrived
 * before the effect was attached are skipped. A `callback` that throws goes to `onError` and the
 * next events are still delivered. From a registry it shares a `channelProjection` with other
 * consumers of the same key and survives thread swaps (events of the new thread are delivered).
 *
 * @example
 * const stop = acquireChannelEffect(controller.registry, ["custom:toast"], [], (event) => toast(event.params.data));
 */
export function acquireChannelEffect(
  source: ChannelEffectSource,
  channels: readonly Channel[],
  namespace: Namespace,
  callback: (event: ProtocolEvent) => void,
  options: ChannelEffectOptions = {},
): () => void {
  const { onError, ...projectionOptions } = options;
  const deliver = (event: ProtocolEvent): void => {
    try {
      callback(event);
    } catch (error) {
      if (onError === undefined) reportUncaughtError(error);
      else onError(error, event);
    }
  };
  const spec = channelProjection(channels, namespace, { ...projectionOptions, replay: options.replay ?? false });
  if (!isAcquirer(source)) return subscribeDirectly(source, spec, deliver);
  const acquired = source.acquire(spec);
  // Events already buffered (by a sibling consumer of the same key) happened before this effect.
  const cursor = new EventCursor(acquired.store.getSnapshot());
  const unsubscribe = acquired.store.subscribe(() => cursor.advance(acquired.store.getSnapshot(), deliver));
  let disposed = false;
  return () => {
    if (disposed) return;
    disposed = true;
    unsubscribe();
    acquired.release();
  };
}

/** Without a registry: one runtime of `spec` fed straight from the thread, delivering per event. */
function subscribeDirectly(
  thread: ScopedThread,
  spec: ScopedProjectionSpec<readonly ProtocolEvent[]>,
  deliver: (event: ProtocolEvent) => void,
): () => void {
  const abort = new AbortController();
  const cursor = new EventCursor([]);
  const runtime = spec.open({
    key: spec.key,
    thread,
    shared: undefined,
    signal: abort.signal,
    reportError: reportUncaughtError,
    store: {
      getSnapshot: () => [],
      setState: () => undefined,
      setValue: (buffer) => {
        if (!abort.signal.aborted) cursor.advance(buffer, deliver);
      },
    },
  });
  return () => {
    if (abort.signal.aborted) return;
    abort.abort();
    void runtime.dispose();
  };
}
