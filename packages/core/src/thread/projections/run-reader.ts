import type { LifecycleEventData, Namespace, ProtocolEvent, SubscriptionFilter } from "../../protocol/types";
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
  runFloorSettled?(): Promise<void> | undefined;
}

const TERMINAL = new Set(["completed", "failed", "interrupted"]);

function sameNamespace(a: Namespace, b: Namespace): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return false;
  return true;
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
): { cancel(): void } {
  const channels = options.filter.channels.includes("lifecycle")
    ? options.filter.channels
    : [...options.filter.channels, "lifecycle" as const];
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
    if (event.method === "lifecycle" && sameNamespace(event.params.namespace, options.scope)) {
      const data = event.params.data as LifecycleEventData;
      if (TERMINAL.has(data?.event)) {
        const status = data.event as RunOutcome["status"];
        end(status === "failed" ? { status, error: runFailedErrorFrom(data.error) } : { status });
        return;
      }
    }
    if (!options.filter.channels.includes("lifecycle") && event.method === "lifecycle") return;
    options.onEvent(event);
  };
  subscription.onEvent((event) => {
    if (ended) return;
    if (held !== undefined) {
      held.push(event);
      return;
    }
    const settling = host.runFloorSettled?.();
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
  return { cancel: () => end({ status: "closed" }) };
}
