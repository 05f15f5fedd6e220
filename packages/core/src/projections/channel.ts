/**
 * A bounded buffer of raw events: `channelProjection`.
 */
import { matchesFilter } from "../protocol/filter";
import type { Channel, Namespace, ProtocolEvent, SubscriptionFilter } from "../protocol/types";
import { namespaceKey } from "../protocol/filter";
import { BatchedFlush, openScopedSubscription } from "./runtime";
import type { ScopedContext, ScopedProjectionSpec } from "./types";

/** Options of {@link channelProjection}. */
export interface ChannelProjectionOptions {
  /** Most events kept (default 4096); older ones are dropped. */
  bufferSize?: number;
  /** Include events that arrived before the projection opened (default true). */
  replay?: boolean;
  /** Levels below the namespace included (default 1: the namespace and its direct children). */
  depth?: number;
}

/**
 * Default {@link ChannelProjectionOptions.bufferSize}.
 *
 * @example
 * channelProjection(["custom"], [], { bufferSize: DEFAULT_CHANNEL_BUFFER_SIZE / 4 });
 */
export const DEFAULT_CHANNEL_BUFFER_SIZE = 4096;

const EMPTY_EVENTS: readonly ProtocolEvent[] = Object.freeze([]);

/** Where a published buffer sits in its runtime's event sequence. */
export interface ChannelBufferPosition {
  /** Events appended in total when the buffer was published; it holds the last `buffer.length`. */
  readonly count: number;
  /** Identity of the runtime that filled it (a rebind starts a new sequence). */
  readonly sequence: object | undefined;
}

/** Positions of published buffers (lets effects deliver each event exactly once). */
const positions = new WeakMap<readonly ProtocolEvent[], ChannelBufferPosition>();

/**
 * Where `buffer` (a `channelProjection` snapshot) sits in its event sequence.
 *
 * @example
 * const firstIndex = channelBufferPosition(buffer).count - buffer.length;
 */
export function channelBufferPosition(buffer: readonly ProtocolEvent[]): ChannelBufferPosition {
  return positions.get(buffer) ?? { count: buffer.length, sequence: undefined };
}

/** Collects events and publishes the newest `capacity` of them; O(1) per event, one copy per flush. */
class EventWindow {
  readonly #capacity: number;
  readonly #sequence = {};
  #events: ProtocolEvent[] = [];
  #count = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  push(event: ProtocolEvent): void {
    this.#events.push(event);
    this.#count += 1;
    if (this.#events.length >= this.#capacity * 2) this.#events = this.#events.slice(-this.#capacity);
  }

  publish(): readonly ProtocolEvent[] {
    const published = Object.freeze(this.#events.slice(-this.#capacity));
    positions.set(published, { count: this.#count, sequence: this.#sequence });
    return published;
  }
}

function validatedBufferSize(bufferSize: number | undefined): number {
  const size = bufferSize ?? DEFAULT_CHANNEL_BUFFER_SIZE;
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`channelProjection: bufferSize must be a positive integer, got ${String(bufferSize)}.`);
  }
  return size;
}

/** Whether a live-only root projection can read the controller's root bus instead of subscribing. */
function canUseRootBus(context: ScopedContext<readonly ProtocolEvent[]>, filter: SubscriptionFilter): boolean {
  const bus = context.shared;
  if (bus === undefined || (filter.depth ?? Number.POSITIVE_INFINITY) > 1) return false;
  if (filter.namespaces?.some((namespace) => namespace.length > 0)) return false;
  return filter.channels.every((channel) => bus.channels.includes(channel));
}

/**
 * The raw events of `channels` at `namespace` (and `depth` levels below), oldest first, at most
 * `bufferSize` of them. With `replay: false` only events that arrive after the projection opened
 * are kept: on a controller's registry a root-only projection reads the controller's root events
 * (so a re-opened thread's replayed history is skipped), otherwise events at or below the
 * thread's last seen seq are skipped. Published once per macrotask.
 *
 * @example
 * const { store } = registry.acquire(channelProjection(["custom"], [], { bufferSize: 100 }));
 */
export function channelProjection(
  channels: readonly Channel[],
  namespace: Namespace = [],
  options: ChannelProjectionOptions = {},
): ScopedProjectionSpec<readonly ProtocolEvent[]> {
  const bufferSize = validatedBufferSize(options.bufferSize);
  const replay = options.replay ?? true;
  const depth = options.depth ?? 1;
  const filter: SubscriptionFilter = { channels: [...channels], namespaces: [[...namespace]], depth };
  const sortedChannels = [...new Set(channels)].sort().join(",");
  return {
    key: `channel|${bufferSize}|${replay ? "replay" : "live"}|${depth}|${sortedChannels}|${namespaceKey(namespace)}`,
    initial: () => EMPTY_EVENTS,
    open(context) {
      const window = new EventWindow(bufferSize);
      const flush = new BatchedFlush(() => context.store.setValue(window.publish()), context.scheduler);
      const accept = (event: ProtocolEvent): void => {
        if (!matchesFilter(filter, event)) return;
        window.push(event);
        flush.request();
      };
      let stop: () => void;
      if (!replay && canUseRootBus(context, filter)) {
        stop = context.shared!.subscribe((event) => {
          if (!context.signal.aborted) accept(event);
        });
      } else {
        const floor = replay ? 0 : (context.thread.ordering?.lastSeq ?? 0);
        stop = openScopedSubscription(context, filter, {
          onEvent(event) {
            if (typeof event.seq === "number" && event.seq <= floor) return;
            accept(event);
          },
          onEnd: () => flush.runNow(),
        });
      }
      return {
        dispose() {
          stop();
          flush.cancel();
        },
      };
    },
  };
}
