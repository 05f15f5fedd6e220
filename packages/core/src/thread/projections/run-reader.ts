import { namespacesEqual } from "../../protocol/filter";
import {
  isTerminalLifecycleStatus,
  type LifecycleEventData,
  type Namespace,
  type ProtocolEvent,
  type SubscriptionFilter,
} from "../../protocol/types";
import type { EventSubscription } from "../subscription";
import { runFailedErrorFrom } from "../run-errors";

/** How a scope's run ended. */
export interface RunOutcome {
  status: "completed" | "failed" | "interrupted" | "closed";
  error?: Error;
}

/** What projections need from their thread. */
export interface ProjectionHost {
  subscribe(filter: SubscriptionFilter): EventSubscription;
  /** Events at or below this seq belong to runs before the current one. */
  runFloorSeq(): number;
  /** Pending while a run this thread started has no settled floor yet: hold events until then. */
  runFloorSettled(): Promise<void> | undefined;
}


/**
 * Reads the current run's events for one scope (a namespace) and ends at that scope's
 * terminal lifecycle. Events of earlier runs (at or below the run floor) are skipped, so a
 * replay of history never ends a reader early or leaks old content into it.
 */
export function openRunReader(
  host: ProjectionHost,
  options: {
    scope: Namespace;
    filter: SubscriptionFilter;
    onEvent(event: ProtocolEvent): void;
    onEnd(outcome: RunOutcome): void;
  },
): void {
  const wantsLifecycle = options.filter.channels.includes("lifecycle");
  const channels = wantsLifecycle ? options.filter.channels : [...options.filter.channels, "lifecycle" as const];
  const subscription = host.subscribe({ ...options.filter, channels });
  let ended = false;
  const end = (outcome: RunOutcome) => {
    if (ended) return;
    ended = true;
    subscription.unsubscribe();
    options.onEnd(outcome);
  };
  // Events held while the floor of a run being started settles, then read in order.
  let held: ProtocolEvent[] | undefined;
  const read = (event: ProtocolEvent): void => {
    if (ended) return;
    if (typeof event.seq === "number" && event.seq <= host.runFloorSeq()) return;
    if (event.method === "lifecycle" && namespacesEqual(event.params.namespace, options.scope)) {
      const data = event.params.data as LifecycleEventData;
      if (isTerminalLifecycleStatus(data?.event)) {
        const status = data.event as RunOutcome["status"];
        end(status === "failed" ? { status, error: runFailedErrorFrom(data.error) } : { status });
        return;
      }
    }
    if (event.method === "lifecycle" && !wantsLifecycle) return;
    options.onEvent(event);
  };
  subscription.onEvent((event) => {
    if (ended) return;
    if (held !== undefined) {
      held.push(event);
      return;
    }
    const settling = host.runFloorSettled();
    if (settling === undefined) return read(event);
    const waiting: ProtocolEvent[] = [event];
    held = waiting;
    void settling.then(() => {
      held = undefined;
      for (const pending of waiting) read(pending);
    });
  });
  subscription.onEnd((error) => {
    if (error !== undefined) end({ status: "closed", error: error instanceof Error ? error : new Error(String(error)) });
  });
}
