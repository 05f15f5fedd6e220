/**
 * The root pump's fan-out: root-scoped projections read it instead of opening a second subscription.
 */
import type { HistoryReader } from "../projections/types";
import type { Channel, ProtocolEvent, SubscriptionFilter } from "../protocol/types";
import type { ReadableStore } from "../store/stream-store";
import { reportUncaughtError } from "../store/report-error";
import type { RootSnapshot } from "./types";

/** Channels of the controller's one root subscription. */
export const ROOT_PUMP_CHANNELS: readonly Channel[] = Object.freeze([
  "values",
  "checkpoints",
  "lifecycle",
  "input",
  "messages",
  "tools",
]);

/** The root pump's filter: the root graph and its direct children. */
export const ROOT_PUMP_FILTER: SubscriptionFilter = Object.freeze({
  channels: ROOT_PUMP_CHANNELS,
  namespaces: [[]],
  depth: 1,
});

/**
 * What scoped projections on a controller's registry inherit when their options leave it out, so
 * `useMessages(stream, subagent)` reads the key the controller was configured with (the reference
 * hardcodes `"messages"` there) and a reloaded thread's subagents show their stored conversation.
 */
export interface ScopeDefaults {
  /** The controller's `messagesKey`. */
  readonly messagesKey: string;
  /** The controller's client: projections opened while the thread is at rest start from its history. */
  readonly history?: HistoryReader;
}

/**
 * What the controller shares with every projection of its registry: the root events it receives
 * (after replay gating, in order) and the root snapshot built from them.
 *
 * @example
 * const stop = bus.subscribe((event) => { if (event.method === "lifecycle") log(event); });
 */
export interface RootEventBus<TState = Record<string, unknown>> {
  /** Channels the bus carries. */
  readonly channels: readonly Channel[];
  /** Calls `listener` with each root event; returns the unsubscribe function. */
  subscribe(listener: (event: ProtocolEvent) => void): () => void;
  /** The controller's root snapshot. */
  readonly root: ReadableStore<RootSnapshot<TState>>;
  /** Defaults for scoped projections (absent on buses built outside a controller). */
  readonly scopeDefaults?: ScopeDefaults;
}

/**
 * The controller's {@link RootEventBus}: a listener that throws is reported and the others still run.
 *
 * @example
 * const bus = new RootEventFanout(rootStore);
 * bus.emit(event);
 */
export class RootEventFanout<TState> implements RootEventBus<TState> {
  readonly channels = ROOT_PUMP_CHANNELS;
  readonly #listeners = new Set<(event: ProtocolEvent) => void>();

  constructor(
    readonly root: ReadableStore<RootSnapshot<TState>>,
    readonly scopeDefaults?: ScopeDefaults,
  ) {}

  subscribe(listener: (event: ProtocolEvent) => void): () => void {
    const entry = (event: ProtocolEvent): void => listener(event);
    this.#listeners.add(entry);
    return () => this.#listeners.delete(entry);
  }

  emit(event: ProtocolEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        // One broken consumer must not stop the root pump.
        reportUncaughtError(error);
      }
    }
  }
}
