/**
 * The targets for our core, checked against one run's results.
 */
import type { BundleRow } from "./scenarios/bundle-size";
import type { HeapResult } from "./scenarios/heap";
import type { NotificationRow } from "./scenarios/notifications";
import type { RenderRow } from "./scenarios/render-counts";
import type { TokenCostCell } from "./scenarios/token-cost";
import type { ValuesResendRow } from "./scenarios/values-resend";
import { formatNumber } from "./stats";

/** One target and how this run did. */
export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  /** `null`: not measured in this run. */
  readonly met: boolean | null;
}

/** Everything a run produced (scenarios may be skipped with `--only`). */
export interface BenchResults {
  readonly tokenCost?: readonly TokenCostCell[];
  readonly notifications?: readonly NotificationRow[];
  readonly valuesResend?: readonly ValuesResendRow[];
  readonly heap?: HeapResult;
  readonly bundle?: readonly BundleRow[];
  readonly renders?: readonly RenderRow[];
}

/** Median microseconds per token of `side` in a cell (wall time, or CPU time with `cpu`). */
export function microsPerToken(cell: TokenCostCell, side: "ours" | "reference" | "floor" | "deliveredFloor", cpu = false): number {
  const cpuSide = side === "deliveredFloor" ? "floorCpu" : (`${side}Cpu` as const);
  const summary = cpu ? cell[cpuSide] : cell[side];
  return (summary.median * 1000) / cell.tokens;
}

function cellOf(cells: readonly TokenCostCell[] | undefined, tokens: number, held: number): TokenCostCell | undefined {
  return cells?.find((cell) => cell.tokens === tokens && cell.held === held);
}

function tokenTargets(cells: readonly TokenCostCell[] | undefined): TargetCheck[] {
  const headline = cellOf(cells, 20_000, 2_000);
  const flatN = cellOf(cells, 20_000, 0);
  const shortReply = cellOf(cells, 1_000, 0);
  const checks: TargetCheck[] = [];
  if (headline === undefined) return [{ target: "per-token targets (T = 20,000, N = 2,000)", measured: "not run", met: null }];
  const oursOverFloor = headline.oursOverFloor.median;
  checks.push({
    target: "per token ≤ 2x the floor (T = 20,000, N = 2,000)",
    measured: `${formatNumber(microsPerToken(headline, "ours"), 2)} µs vs floor ${formatNumber(microsPerToken(headline, "floor"), 2)} µs; paired ratio ${formatNumber(oursOverFloor, 2)}x (delivered floor ${formatNumber(microsPerToken(headline, "deliveredFloor"), 2)} µs: ${formatNumber(headline.oursOverDeliveredFloor.median, 2)}x)`,
    met: oursOverFloor <= 2,
  });
  const speedup = 1 / headline.oursOverReference.median;
  checks.push({ target: "≥ 10x faster than the reference (T = 20,000, N = 2,000)", measured: `${formatNumber(speedup, 1)}x (paired)`, met: speedup >= 10 });
  if (flatN !== undefined) {
    const growth = microsPerToken(headline, "ours") / microsPerToken(flatN, "ours");
    checks.push({ target: "cost at N = 2,000 within 10% of N = 0 (T = 20,000)", measured: `${formatNumber((growth - 1) * 100, 0)}%`, met: growth <= 1.1 });
  }
  if (shortReply !== undefined && flatN !== undefined) {
    const growth = microsPerToken(flatN, "ours") / microsPerToken(shortReply, "ours");
    checks.push({ target: "cost at T = 20,000 within 10% of T = 1,000 (N = 0, per token)", measured: `${formatNumber((growth - 1) * 100, 0)}%`, met: growth <= 1.1 });
  }
  return checks;
}

function valuesTarget(rows: readonly ValuesResendRow[] | undefined): TargetCheck {
  const row = rows?.find((candidate) => candidate.held === 10_000);
  if (row === undefined) return { target: "values re-send N = 10,000 ≤ 1.5x its JSON.parse", measured: "not run", met: null };
  const factor = row.ours.median / row.parse.median;
  return {
    target: "values re-send N = 10,000 ≤ 1.5x its JSON.parse",
    measured: `${formatNumber(row.ours.median, 1)} ms vs parse ${formatNumber(row.parse.median, 1)} ms = ${formatNumber(factor, 1)}x`,
    met: factor <= 1.5,
  };
}

function throttleTargets(rows: readonly NotificationRow[] | undefined): TargetCheck[] {
  const throttled = rows?.filter((row) => row.subject === "ours-throttle-16") ?? [];
  if (throttled.length === 0) return [{ target: "throttleMs 16: ≤ 62 notifications/s", measured: "not run", met: null }];
  const shortestGap = Math.min(...throttled.map((row) => row.minGapMs));
  const sameTask = throttled.every((row) => row.terminalInSameTask);
  return [
    {
      target: "throttleMs 16: ≤ 62 notifications/s under any token rate (no two notifications < 16 ms apart)",
      measured:
        `shortest gap ${formatNumber(shortestGap, 2)} ms = peak ${formatNumber(1000 / shortestGap, 1)}/s; steady ` +
        throttled.map((row) => `${row.mode} ${formatNumber(row.notificationsPerSecond.median, 0)}/s`).join(", "),
      met: shortestGap >= 16,
    },
    {
      target: "throttleMs 16: terminal state in the same flush as the terminal event",
      measured: throttled.map((row) => `${row.mode} ${row.terminalInSameTask ? "yes" : "no"}`).join(", "),
      met: sameTask,
    },
  ];
}

function heapTarget(heap: HeapResult | undefined): TargetCheck {
  if (heap === undefined) return { target: "retained heap ≤ 1 MiB beyond the messages", measured: "not run", met: null };
  const beyond = heap.ours.median - heap.messages.median;
  return {
    target: "retained heap after 100k events ≤ 1 MiB beyond the messages",
    measured: `${formatNumber(beyond / 2 ** 20, 2)} MiB beyond ${formatNumber(heap.messages.median / 2 ** 20, 2)} MiB of messages (${heap.events} events)`,
    met: beyond <= 2 ** 20,
  };
}

function bundleTarget(rows: readonly BundleRow[] | undefined): TargetCheck {
  const row = rows?.find((candidate) => candidate.entry.startsWith("useStream"));
  if (row === undefined) return { target: "useStream bundle ≤ 40% of the reference's gzip", measured: "not run", met: null };
  const share = row.ours.gzip / row.reference.gzip;
  return {
    target: "useStream bundle ≤ 40% of the reference's gzip",
    measured: `${formatNumber(row.ours.gzip / 1000, 1)} KB vs ${formatNumber(row.reference.gzip / 1000, 1)} KB = ${formatNumber(share * 100, 0)}%`,
    met: share <= 0.4,
  };
}

function renderTarget(rows: readonly RenderRow[] | undefined): TargetCheck {
  const target = "finished rows re-render 0 times while a reply streams (React, Chromium)";
  const ours = rows?.filter((row) => row.contender === "ours") ?? [];
  if (ours.length === 0) return { target, measured: "not run", met: null };
  const worst = (row: RenderRow): number => row.finishedTotal.max;
  const describe = (contender: "ours" | "reference"): string =>
    (rows ?? [])
      .filter((row) => row.contender === contender)
      .map((row) => `${row.mode} ${worst(row)}`)
      .join(", ");
  return {
    target,
    measured: `finished-row renders (max over runs) ours: ${describe("ours")}; reference: ${describe("reference")}`,
    met: ours.every((row) => worst(row) === 0),
  };
}

/**
 * Checks every target the run measured.
 *
 * @example
 * for (const check of checkTargets(results)) console.log(check.target, check.met);
 */
export function checkTargets(results: BenchResults): TargetCheck[] {
  return [
    ...tokenTargets(results.tokenCost),
    valuesTarget(results.valuesResend),
    ...throttleTargets(results.notifications),
    heapTarget(results.heap),
    bundleTarget(results.bundle),
    renderTarget(results.renders),
  ];
}
