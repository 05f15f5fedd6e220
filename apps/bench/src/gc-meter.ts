/**
 * Time spent in garbage collection inside a measured window (from `gc` performance entries).
 */
import { PerformanceObserver } from "node:perf_hooks";

interface GcSpan {
  readonly startTime: number;
  readonly duration: number;
}

let spans: GcSpan[] = [];
let observer: PerformanceObserver | undefined;

/** Starts recording collections (idempotent). */
export function startGcMeter(): void {
  if (observer !== undefined) return;
  observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) spans.push({ startTime: entry.startTime, duration: entry.duration });
  });
  observer.observe({ entryTypes: ["gc"] });
}

/**
 * Milliseconds of collection that started between `from` and `to` (`performance.now()` values).
 * Entries arrive asynchronously, so this waits a moment first; older entries are dropped.
 *
 * @example
 * const gcMs = await gcTimeBetween(startedAt, doneAt);
 */
export async function gcTimeBetween(from: number, to: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 1));
  let total = 0;
  for (const span of spans) if (span.startTime >= from && span.startTime <= to) total += span.duration;
  spans = spans.filter((span) => span.startTime > to);
  return total;
}
