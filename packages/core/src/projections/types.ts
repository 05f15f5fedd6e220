/**
 * Types shared by the projection factories.
 */
import type { RootEventBus } from "../controller/root-event-bus";
import type { ProtocolEvent, SubscriptionFilter } from "../protocol/types";
import type { ProjectionContext, ProjectionSpec } from "../store/projection";
import type { SubscribeOptions } from "../thread/subscription";

/** The part of an `EventSubscription` projections use. */
export interface ScopedSubscription {
  onEvent(listener: (event: ProtocolEvent) => void): () => void;
  onEnd(listener: (error: unknown) => void): () => void;
  unsubscribe(): void;
}

/**
 * What a projection needs from the thread its registry is bound to. `ThreadStream` fits.
 *
 * @example
 * const registry = new ChannelRegistry<ThreadStream>();
 * registry.bind(client.threads.stream(threadId, { assistantId: "agent" }));
 */
export interface ScopedThread {
  readonly threadId: string;
  subscribe(filter: SubscriptionFilter, options?: SubscribeOptions): ScopedSubscription;
  /** Highest seq seen so far; live-only consumers skip events at or below it. */
  readonly ordering?: { readonly lastSeq: number };
}

/**
 * What a registry may share with projections: a controller's root event bus, or nothing (a
 * registry bound straight to a `ThreadStream`).
 */
export type ProjectionShared = RootEventBus<unknown> | undefined;

/**
 * A projection spec any registry over a `ThreadStream` can acquire, with or without a controller.
 *
 * @example
 * const spec: ScopedProjectionSpec<readonly BaseMessage[]> = messagesProjection(subagent.namespace);
 * const { store, release } = controller.registry.acquire(spec);
 */
export type ScopedProjectionSpec<T> = ProjectionSpec<T, ScopedThread, ProjectionShared>;

/** The context a scoped projection is opened with. */
export type ScopedContext<T> = ProjectionContext<T, ScopedThread, ProjectionShared>;

/** One checkpoint of a thread's history, as far as projections read it. */
export interface HistoryCheckpoint {
  values?: unknown;
}

/**
 * Reads a thread's checkpoint history (`Client` fits): scoped projections use it to show a
 * namespace's stored state when nothing streams (an idle, re-opened thread).
 *
 * @example
 * messagesProjection(subagent.namespace, { history: client });
 */
export interface HistoryReader {
  threads: {
    getHistory(
      threadId: string,
      options: { limit?: number; checkpoint?: Record<string, unknown> },
    ): Promise<readonly HistoryCheckpoint[]>;
  };
}
