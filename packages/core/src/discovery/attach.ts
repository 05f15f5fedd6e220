/**
 * Wires subagent and subgraph discovery to a thread host (a `StreamController`, or a lone thread).
 */
import { HttpError, isHttpError } from "../protocol/errors";
import type { SubscriptionFilter } from "../protocol/types";
import type { ScopedSubscription } from "../projections/types";
import { reportUncaughtError } from "../store/report-error";
import { StreamStore, type ReadableStore } from "../store/stream-store";
import type { SubscribeOptions } from "../thread/subscription";
import { loadDiscoveryHistory, type DiscoveryHistoryClient, type DiscoveryHistoryOptions } from "./history";
import { SubagentDiscovery, type DiscoveryOptions } from "./subagent-discovery";
import { SubgraphDiscovery } from "./subgraph-discovery";
import type { SubagentMap, SubgraphByNodeMap, SubgraphMap } from "./types";

/** What discovery reads from a live thread (`ThreadStream` fits). */
export interface DiscoveryThread {
  readonly threadId: string;
  subscribe(filter: SubscriptionFilter, options?: SubscribeOptions): ScopedSubscription;
}

/**
 * Who owns the thread: its current id, and its live `ThreadStream` when one is open.
 * `StreamController` fits as is.
 */
export interface DiscoveryHost {
  readonly rootStore: ReadableStore<{ readonly threadId: string | null }>;
  /** Calls `listener` now and whenever the live thread changes (`undefined`: none open). */
  subscribeThread(listener: (thread: DiscoveryThread | undefined) => void): () => void;
}

/** Options of {@link attachDiscovery}. */
export interface AttachDiscoveryOptions extends DiscoveryOptions {
  /** Seeds discovery from stored history whenever the thread id changes (a re-opened thread). */
  client?: DiscoveryHistoryClient;
  history?: DiscoveryHistoryOptions;
  /** Errors of history seeding and of discovery itself; history errors are ignored without it. */
  onError?: (error: unknown) => void;
}

/** Discovery attached to a host. */
export interface AttachedDiscovery {
  readonly subagents: SubagentDiscovery;
  readonly subgraphs: SubgraphDiscovery;
  readonly subagentStore: ReadableStore<SubagentMap>;
  readonly subgraphStore: ReadableStore<SubgraphMap>;
  readonly subgraphByNodeStore: ReadableStore<SubgraphByNodeMap>;
  /** Settles when the current thread's history seed is done (resolves also when it failed). */
  readonly seeded: Promise<void>;
  /** Stops listening; the stores keep their last value. Idempotent. */
  dispose(): void;
}

/**
 * What discovery subscribes to, on every namespace.
 *
 * @example
 * thread.subscribe(DISCOVERY_FILTER, { buffer: false });
 */
export const DISCOVERY_FILTER: SubscriptionFilter = Object.freeze<SubscriptionFilter>({ channels: ["tools", "lifecycle", "values"] });

/**
 * Runs {@link SubagentDiscovery} and {@link SubgraphDiscovery} for whatever thread `host` is on:
 * a thread id change resets both and, with a `client`, seeds them from the thread's stored history;
 * each live thread is subscribed to for `tools`, `lifecycle` and `values` on every namespace.
 *
 * @example
 * // inside StreamController's constructor
 * this.#discovery = attachDiscovery(this, { client: options.client, scheduler, messagesKey });
 * this.subagentStore = this.#discovery.subagentStore;
 */
export function attachDiscovery(host: DiscoveryHost, options: AttachDiscoveryOptions = {}): AttachedDiscovery {
  const subagents = new SubagentDiscovery(options);
  const subgraphs = new SubgraphDiscovery(options);
  const report = (error: unknown): void => (options.onError ?? reportUncaughtError)(error);
  let currentThreadId: string | null | undefined;
  let generation = 0;
  let seeded: Promise<void> = Promise.resolve();
  let stopThread: (() => void) | undefined;
  let disposed = false;

  const seed = (threadId: string, seedGeneration: number): Promise<void> => {
    const client = options.client;
    if (client === undefined) return Promise.resolve();
    return loadDiscoveryHistory(client, threadId, options.history).then(
      (history) => {
        if (disposed || seedGeneration !== generation) return;
        subagents.seed(history.checkpoints);
        subgraphs.seedFromHistory(history.hosts);
      },
      (error: unknown) => {
        // A thread not created yet has no history; other failures only cost the seed.
        if (isHttpError(error, 404)) return;
        options.onError?.(error);
        // The server answered but could not give the history: its state may still load. (An
        // unreachable server is not asked again.)
        if (error instanceof HttpError) return seedFromState(client, threadId, seedGeneration);
      },
    );
  };

  /**
   * Without history, the current state still lists the `task` calls and their results: the
   * subagents show (names, statuses, outputs); their namespaces resolve when events replay.
   */
  const seedFromState = async (client: DiscoveryHistoryClient, threadId: string, seedGeneration: number): Promise<void> => {
    if (client.threads.getState === undefined) return;
    try {
      const state = await client.threads.getState(threadId);
      if (disposed || seedGeneration !== generation || state === null) return;
      subagents.seed([state]);
    } catch (error) {
      if (!isHttpError(error, 404)) options.onError?.(error);
    }
  };

  const onThreadId = (threadId: string | null): void => {
    if (disposed || threadId === currentThreadId) return;
    currentThreadId = threadId;
    generation += 1;
    subagents.reset();
    subgraphs.reset();
    seeded = threadId === null ? Promise.resolve() : seed(threadId, generation);
  };

  const onThread = (thread: DiscoveryThread | undefined): void => {
    stopThread?.();
    stopThread = undefined;
    if (disposed || thread === undefined) return;
    const subscription = thread.subscribe(DISCOVERY_FILTER, { buffer: false });
    const stopEvents = subscription.onEvent((event) => {
      if (thread.threadId !== currentThreadId) return;
      try {
        subagents.push(event);
        subgraphs.push(event);
      } catch (error) {
        report(error);
      }
    });
    stopThread = () => {
      stopEvents();
      subscription.unsubscribe();
    };
  };

  onThreadId(host.rootStore.getSnapshot().threadId);
  const stopThreadId = host.rootStore.subscribe(() => onThreadId(host.rootStore.getSnapshot().threadId));
  const stopThreads = host.subscribeThread(onThread);
  return {
    subagents,
    subgraphs,
    subagentStore: subagents.store,
    subgraphStore: subgraphs.store,
    subgraphByNodeStore: subgraphs.byNodeStore,
    get seeded() {
      return seeded;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      stopThreadId();
      stopThreads();
      stopThread?.();
      stopThread = undefined;
    },
  };
}

/**
 * Discovery for one `ThreadStream` without a controller.
 *
 * @example
 * const discovery = attachDiscoveryToThread(thread, { client });
 * await discovery.seeded;
 */
export function attachDiscoveryToThread(
  thread: DiscoveryThread,
  options: AttachDiscoveryOptions = {},
): AttachedDiscovery {
  const rootStore = new StreamStore({ threadId: thread.threadId as string | null });
  return attachDiscovery(
    {
      rootStore,
      subscribeThread: (listener) => {
        listener(thread);
        return () => undefined;
      },
    },
    options,
  );
}
