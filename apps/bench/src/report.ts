/**
 * Renders a run's results as markdown tables.
 */
import type { BundleRow } from "./scenarios/bundle-size";
import type { HeapResult } from "./scenarios/heap";
import type { NotificationRow, NotificationSubject } from "./scenarios/notifications";
import type { RenderRow } from "./scenarios/render-counts";
import type { TokenCostCell } from "./scenarios/token-cost";
import type { ValuesResendRow } from "./scenarios/values-resend";
import { checkTargets, microsPerToken, type BenchResults } from "./targets";
import { formatNumber, formatSummary } from "./stats";

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function tokenCostSection(cells: readonly TokenCostCell[]): string {
  const rows = cells.map((cell) => [
    cell.tokens.toLocaleString("en-US"),
    cell.held.toLocaleString("en-US"),
    formatSummary(cell.ours),
    formatNumber(microsPerToken(cell, "ours"), 2),
    formatSummary(cell.reference),
    formatNumber(microsPerToken(cell, "reference"), 1),
    formatNumber(microsPerToken(cell, "floor"), 2),
    formatNumber(microsPerToken(cell, "deliveredFloor"), 2),
    formatNumber(cell.oursOverFloor.median, 2),
    formatNumber(cell.oursOverDeliveredFloor.median, 2),
    formatNumber(cell.oursOverReference.median, 3),
    `${formatNumber(microsPerToken(cell, "ours", true), 2)} / ${formatNumber(microsPerToken(cell, "reference", true), 1)} / ${formatNumber(microsPerToken(cell, "floor", true), 2)}`,
    `${formatNumber(cell.oursGc.median, 1)} / ${formatNumber(cell.referenceGc.median, 0)}`,
  ]);
  return [
    "### 1 + 5. Reply of T tokens into a thread of N messages (burst; µs per token = wall time / T; ratios are medians of per-repetition ratios)",
    "",
    "The floor parses the root connection's frames in a tight loop; the delivered floor has the same scripted server play them in one burst to a callback that only parses and concatenates, i.e. everything but a client.",
    "",
    table(
      ["T", "N", "ours ms (min-max)", "ours µs/token", "reference ms (min-max)", "reference µs/token", "floor µs/token", "delivered floor µs/token", "ours / floor", "ours / delivered floor", "ours / reference", "CPU µs/token (ours / reference / floor)", "GC ms in window (ours / reference)"],
      rows,
    ),
  ].join("\n");
}

/** Per-token cost without the per-reply fixed part: the slope between the two longest replies. */
function growthSection(cells: readonly TokenCostCell[]): string {
  const tokenCounts = [...new Set(cells.map((cell) => cell.tokens))].sort((left, right) => left - right);
  if (tokenCounts.length < 2) return "";
  const [shorter, longer] = tokenCounts.slice(-2) as [number, number];
  const rows: string[][] = [];
  for (const held of [...new Set(cells.map((cell) => cell.held))]) {
    const short = cells.find((cell) => cell.tokens === shorter && cell.held === held);
    const long = cells.find((cell) => cell.tokens === longer && cell.held === held);
    if (short === undefined || long === undefined) continue;
    const slope = (side: "ours" | "reference" | "floor" | "oursCpu" | "referenceCpu"): number =>
      ((long[side].median - short[side].median) * 1000) / (longer - shorter);
    rows.push([
      held.toLocaleString("en-US"),
      formatNumber(slope("ours"), 2),
      formatNumber(slope("oursCpu"), 2),
      formatNumber(slope("reference"), 1),
      formatNumber(slope("referenceCpu"), 1),
      formatNumber(slope("floor"), 2),
    ]);
  }
  return [
    `Marginal cost per token (slope of the medians between T = ${shorter.toLocaleString("en-US")} and T = ${longer.toLocaleString("en-US")}; the per-reply fixed part, such as converting N held messages, drops out):`,
    "",
    table(["N", "ours µs/token", "ours CPU µs/token", "reference µs/token", "reference CPU µs/token", "floor µs/token"], rows),
  ].join("\n");
}

const SUBJECT_LABEL: Record<NotificationSubject, string> = {
  ours: "ours",
  "ours-throttle-16": "ours, throttleMs 16",
  reference: "reference",
};

function notificationSection(rows: readonly NotificationRow[]): string {
  const body = rows.map((row) => [
    row.mode,
    row.tokens.toLocaleString("en-US"),
    SUBJECT_LABEL[row.subject],
    formatSummary(row.notifications, 0),
    formatNumber(row.notificationsPerSecond.median, 0),
    Number.isFinite(row.minGapMs) ? `${formatNumber(row.minGapMs, 2)} (${formatNumber(1000 / row.minGapMs, 0)}/s)` : "n/a",
    formatNumber(row.elapsedMs.median, 1),
    row.terminalInSameTask ? "yes" : "no",
  ]);
  return [
    `### 2. Root-store notifications per reply (N = ${rows[0]?.held ?? 0}; paced = one event per macrotask, ~2 ms apart)`,
    "",
    table(
      ["mode", "T", "controller", "notifications (min-max)", "steady rate /s", "shortest gap ms (peak rate)", "wall ms", "final state in the terminal event's task"],
      body,
    ),
  ].join("\n");
}

function valuesSection(rows: readonly ValuesResendRow[]): string {
  const body = rows.map((row) => [
    row.held.toLocaleString("en-US"),
    formatSummary(row.ours, 2),
    formatSummary(row.reference, 2),
    formatSummary(row.parse, 2),
    formatNumber(row.ours.median / row.parse.median, 2),
    formatNumber(row.reference.median / row.parse.median, 2),
    formatNumber(row.ours.median / row.reference.median, 3),
  ]);
  return [
    "### 3. One `values` event re-sending N held messages plus one new",
    "",
    table(["N", "ours ms", "reference ms", "JSON.parse ms", "ours / parse", "reference / parse", "ours / reference"], body),
  ].join("\n");
}

function heapSection(heap: HeapResult): string {
  const mib = (bytes: number): string => formatNumber(bytes / 2 ** 20, 2);
  return [
    `### 4. Heap retained by a live controller after ${heap.events.toLocaleString("en-US")} events in one thread (${heap.runs} replies of ${heap.tokensPerRun.toLocaleString("en-US")} tokens, forced GC)`,
    "",
    table(
      ["", "retained MiB (min-max)", "beyond the messages MiB", "bytes per event beyond the messages"],
      [
        ["ours", `${mib(heap.ours.median)} (${mib(heap.ours.min)}-${mib(heap.ours.max)})`, mib(heap.ours.median - heap.messages.median), formatNumber((heap.ours.median - heap.messages.median) / heap.events, 1)],
        ["reference", `${mib(heap.reference.median)} (${mib(heap.reference.min)}-${mib(heap.reference.max)})`, mib(heap.reference.median - heap.messages.median), formatNumber((heap.reference.median - heap.messages.median) / heap.events, 1)],
        ["the messages alone (parsed final values)", mib(heap.messages.median), "", ""],
      ],
    ),
  ].join("\n");
}

function bundleSection(rows: readonly BundleRow[]): string {
  const kb = (bytes: number): string => formatNumber(bytes / 1000, 1);
  const body = rows.map((row) => [
    row.entry,
    kb(row.ours.minified),
    kb(row.ours.gzip),
    kb(row.reference.minified),
    kb(row.reference.gzip),
    `${formatNumber((row.ours.gzip / row.reference.gzip) * 100, 0)}%`,
  ]);
  return [
    "### 6. Bundle size (esbuild, minified ESM; react, react-dom, @langchain/core external)",
    "",
    table(["entry", "ours min KB", "ours gzip KB", "reference min KB", "reference gzip KB", "ours / reference gzip"], body),
  ].join("\n");
}

function renderSection(rows: readonly RenderRow[]): string {
  const first = rows[0];
  const body = rows.map((row) => [
    row.mode,
    row.contender,
    formatSummary(row.streamingRow, 0),
    formatNumber(row.streamingRowSameText.median, 0),
    formatSummary(row.finishedTotal, 0),
    `${formatNumber(row.distinctFinishedRows.median, 0)} of ${row.finishedRowCount}`,
    formatSummary(row.list, 0),
    formatNumber(row.trailing.median, 0),
    formatNumber(row.finishedIdentityChanges.median, 0),
    formatNumber(row.frameSpacingMs.median, 2),
  ]);
  const heading =
    first === undefined
      ? "### 7. React render counts in Chromium"
      : `### 7. React render counts in Chromium, @agent-stream/react vs @langchain/react 1.1.0 (T = ${first.tokens} tokens into ${first.held.toLocaleString("en-US")} held messages + the question; React 19 production build; React.memo rows)`;
  return [
    heading,
    "",
    table(
      [
        "mode",
        "binding",
        "streaming row renders (min-max)",
        "of which with unchanged text",
        "finished rows + children renders (min-max)",
        "finished rows that rendered",
        "list renders (min-max)",
        "renders after the final state",
        "finished messages with a new identity",
        "frame spacing ms",
      ],
      body,
    ),
    "",
    "Counted from the first reply frame until 50 ms after `submit()` resolved (the final `values` re-send and `completed` included). The streaming row's child renders as often as the row.",
  ].join("\n");
}

function targetSection(results: BenchResults): string {
  const body = checkTargets(results).map((check) => [check.target, check.measured, check.met === null ? "pending" : check.met ? "met" : "MISSED"]);
  return ["### Targets", "", table(["target", "measured", "status"], body)].join("\n");
}

/**
 * The whole report as markdown.
 *
 * @example
 * console.log(renderReport(results, "quick"));
 */
export function renderReport(results: BenchResults, heading: string): string {
  const sections = [`## Benchmark: ours vs @langchain/langgraph-sdk 1.15.0 (${heading})`];
  if (results.tokenCost) sections.push(tokenCostSection(results.tokenCost), growthSection(results.tokenCost));
  if (results.notifications) sections.push(notificationSection(results.notifications));
  if (results.valuesResend) sections.push(valuesSection(results.valuesResend));
  if (results.heap) sections.push(heapSection(results.heap));
  if (results.bundle) sections.push(bundleSection(results.bundle));
  if (results.renders) sections.push(renderSection(results.renders));
  sections.push(targetSection(results));
  return sections.join("\n\n");
}
