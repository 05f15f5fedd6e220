/**
 * Controllers hydrating for a `useSuspenseStream` that suspended on mount. React discards the state
 * of a component that suspends before its first commit, so the controller waits here until the
 * retried render commits and claims it. Unclaimed ones (the tree was abandoned) are disposed.
 */
import type { StreamController, StreamOptions } from "@agent-stream/core";
import { createThreadlessController } from "./use-controller-slot";

interface PendingHydration {
  readonly controller: StreamController<any, any>;
  /** Never rejects: what a render throws to suspend. */
  readonly settled: Promise<void>;
  status: "pending" | "ready" | "failed";
  error: unknown;
  evictionTimer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * How long a hydrated controller waits for the retried render to commit before it is disposed,
 * and how long a failed load is remembered.
 */
export const SUSPENSE_CLAIM_GRACE_MS = 1_500;

const pending = new Map<string, PendingHydration>();

function evict(cacheKey: string, entry: PendingHydration): void {
  if (pending.get(cacheKey) === entry) pending.delete(cacheKey);
  if (entry.evictionTimer !== undefined) clearTimeout(entry.evictionTimer);
  entry.evictionTimer = undefined;
}

function start(cacheKey: string, options: StreamOptions<any>, threadId: string): PendingHydration {
  const controller = createThreadlessController(options);
  void controller.hydrate(threadId);
  const entry: PendingHydration = {
    controller,
    settled: controller.hydrationPromise.then(
      () => {
        entry.status = "ready";
      },
      (error: unknown) => {
        entry.status = "failed";
        entry.error = error;
      },
    ),
    status: "pending",
    error: undefined,
    evictionTimer: undefined,
  };
  void entry.settled.then(() => {
    if (pending.get(cacheKey) !== entry) return;
    entry.evictionTimer = setTimeout(() => {
      evict(cacheKey, entry);
      void entry.controller.dispose();
    }, SUSPENSE_CLAIM_GRACE_MS);
  });
  pending.set(cacheKey, entry);
  return entry;
}

/**
 * For the first render of a `useSuspenseStream`: the controller hydrated for `threadId`, or a
 * thrown promise (still loading) or error (loading failed; a mount after the grace period tries
 * again).
 */
export function takeHydratedController(
  rebuildKey: string,
  options: StreamOptions<any>,
  threadId: string,
): StreamController<any, any> {
  const cacheKey = `${rebuildKey}\u0000${threadId}`;
  const entry = pending.get(cacheKey) ?? start(cacheKey, options, threadId);
  if (entry.status === "pending") throw entry.settled;
  // A failure stays cached for the grace period: React retries a throwing render, and the retry
  // must see this failure rather than start another load. A mount after that loads again.
  if (entry.status === "failed") throw entry.error;
  return entry.controller;
}

/** Called once the render that adopted `controller` committed: it is the component's now. */
export function claimHydratedController(controller: StreamController<any, any>): void {
  for (const [cacheKey, entry] of pending) {
    if (entry.controller === controller) evict(cacheKey, entry);
  }
}

/** Number of controllers waiting to be claimed (diagnostic, for tests). */
export function pendingSuspenseHydrations(): number {
  return pending.size;
}
