/**
 * `pnpm bench [--quick] [--only=tokens,notifications,values,heap,bundle,renders]`: runs the scenarios,
 * prints markdown tables and writes `results/latest.json`.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { startGcMeter } from "./gc-meter";
import { measureReply } from "./harness";
import { renderReport } from "./report";
import { runBundleSize } from "./scenarios/bundle-size";
import { runHeap } from "./scenarios/heap";
import { runNotifications } from "./scenarios/notifications";
import { runRenderCounts } from "./scenarios/render-counts";
import { runTokenCost } from "./scenarios/token-cost";
import { runValuesResend } from "./scenarios/values-resend";
import { ratio } from "./stats";
import { checkTargets, type BenchResults } from "./targets";

const SCENARIOS = ["tokens", "notifications", "values", "heap", "bundle", "renders"] as const;
type ScenarioName = (typeof SCENARIOS)[number];
/** Scenarios that time the controllers in this process (they need the warm-up). */
const TIMED_SCENARIOS: readonly ScenarioName[] = ["tokens", "notifications", "values", "heap"];

interface BenchConfig {
  readonly tokenCounts: readonly number[];
  readonly heldCounts: readonly number[];
  readonly tokenRepetitions: number;
  readonly notificationRepetitions: number;
  readonly macrotaskTokens: number;
  readonly pacedTokens: number;
  readonly valuesHeldCounts: readonly number[];
  readonly valuesRepetitions: number;
  readonly heapRuns: number;
  readonly heapTokensPerRun: number;
  readonly heapRepetitions: number;
  readonly renderTokens: number;
  readonly renderHeld: number;
  readonly renderSpacingMs: number;
  readonly renderRepetitions: number;
}

const FULL: BenchConfig = {
  tokenCounts: [1_000, 5_000, 20_000],
  heldCounts: [0, 200, 2_000],
  tokenRepetitions: 7,
  notificationRepetitions: 3,
  macrotaskTokens: 5_000,
  pacedTokens: 250,
  valuesHeldCounts: [200, 2_000, 10_000],
  valuesRepetitions: 9,
  heapRuns: 5,
  heapTokensPerRun: 20_000,
  heapRepetitions: 3,
  renderTokens: 200,
  renderHeld: 200,
  renderSpacingMs: 2,
  renderRepetitions: 3,
};

const QUICK: BenchConfig = {
  ...FULL,
  tokenRepetitions: 1,
  notificationRepetitions: 1,
  macrotaskTokens: 2_000,
  pacedTokens: 100,
  valuesRepetitions: 3,
  heapRepetitions: 1,
  renderRepetitions: 1,
};

function parseArguments(argv: readonly string[]): { quick: boolean; only: ReadonlySet<ScenarioName> } {
  let quick = false;
  let only = new Set<ScenarioName>(SCENARIOS);
  for (const argument of argv) {
    if (argument === "--") continue;
    if (argument === "--quick") quick = true;
    else if (argument.startsWith("--only=")) {
      const names = argument.slice("--only=".length).split(",");
      const unknown = names.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
      if (unknown.length > 0) throw new Error(`Unknown scenario ${unknown.join(", ")}; choose from ${SCENARIOS.join(", ")}.`);
      only = new Set(names as ScenarioName[]);
    } else {
      throw new Error(`Unknown argument ${argument}. Usage: pnpm bench [--quick] [--only=${SCENARIOS.join(",")}]`);
    }
  }
  return { quick, only };
}

async function warmUp(): Promise<void> {
  for (const name of ["ours", "reference"] as const) {
    for (let round = 0; round < 2; round += 1) await measureReply(name, { tokens: 2_000, held: 200, mode: "burst" });
  }
}

async function runAll(config: BenchConfig, only: ReadonlySet<ScenarioName>, log: (line: string) => void): Promise<BenchResults> {
  const results: { -readonly [Key in keyof BenchResults]: BenchResults[Key] } = {};
  if (only.has("tokens")) {
    log("scenario 1 + 5: per-token cost and floor");
    results.tokenCost = await runTokenCost({
      tokenCounts: config.tokenCounts,
      heldCounts: config.heldCounts,
      repetitions: config.tokenRepetitions,
      log,
    });
  }
  if (only.has("notifications")) {
    log("scenario 2: notifications per reply");
    results.notifications = await runNotifications({
      burstTokens: 1_000,
      macrotaskTokens: config.macrotaskTokens,
      pacedTokens: config.pacedTokens,
      pacedSpacingMs: 2,
      held: 200,
      repetitions: config.notificationRepetitions,
      log,
    });
  }
  if (only.has("values")) {
    log("scenario 3: values re-send");
    results.valuesResend = await runValuesResend({ heldCounts: config.valuesHeldCounts, repetitions: config.valuesRepetitions, log });
  }
  if (only.has("heap")) {
    log("scenario 4: retained heap");
    results.heap = await runHeap({ runs: config.heapRuns, tokensPerRun: config.heapTokensPerRun, repetitions: config.heapRepetitions, log });
  }
  if (only.has("bundle")) {
    log("scenario 6: bundle size");
    results.bundle = await runBundleSize(log);
  }
  if (only.has("renders")) {
    log("scenario 7: React render counts in Chromium");
    results.renders = await runRenderCounts({
      tokens: config.renderTokens,
      held: config.renderHeld,
      modes: ["paced", "burst"],
      spacingMs: config.renderSpacingMs,
      repetitions: config.renderRepetitions,
      log,
    });
  }
  return results;
}

/** Our / reference ratios of every median (below 1: ours is faster or smaller). */
function ratiosOf(results: BenchResults): Record<string, Record<string, number | null>> {
  const ratios: Record<string, Record<string, number | null>> = {};
  for (const cell of results.tokenCost ?? []) {
    (ratios.tokenCost ??= {})[`T=${cell.tokens},N=${cell.held}`] = cell.oursOverReference.median;
    (ratios.tokenCostOverFloor ??= {})[`T=${cell.tokens},N=${cell.held}`] = cell.oursOverFloor.median;
  }
  for (const row of results.valuesResend ?? []) {
    (ratios.valuesResend ??= {})[`N=${row.held}`] = ratio(row.ours.median, row.reference.median);
    (ratios.valuesResendOverParse ??= {})[`N=${row.held}`] = ratio(row.ours.median, row.parse.median);
  }
  for (const row of results.notifications ?? []) {
    if (row.subject === "reference") continue;
    const reference = results.notifications?.find((candidate) => candidate.mode === row.mode && candidate.subject === "reference");
    if (reference !== undefined) (ratios.notifications ??= {})[`${row.mode},${row.subject}`] = ratio(row.notifications.median, reference.notifications.median);
  }
  if (results.heap !== undefined) ratios.heap = { retained: ratio(results.heap.ours.median, results.heap.reference.median) };
  for (const row of results.bundle ?? []) (ratios.bundleGzip ??= {})[row.entry] = ratio(row.ours.gzip, row.reference.gzip);
  for (const row of results.renders ?? []) {
    if (row.contender === "reference") continue;
    const reference = results.renders?.find((candidate) => candidate.mode === row.mode && candidate.contender === "reference");
    if (reference === undefined) continue;
    (ratios.renders ??= {})[`${row.mode},list`] = ratio(row.list.median, reference.list.median);
    (ratios.renders ??= {})[`${row.mode},streamingRow`] = ratio(row.streamingRow.median, reference.streamingRow.median);
    (ratios.renders ??= {})[`${row.mode},finishedRows`] = ratio(row.finishedTotal.median, reference.finishedTotal.median);
  }
  return ratios;
}

async function main(): Promise<void> {
  const { quick, only } = parseArguments(process.argv.slice(2));
  if (typeof (globalThis as { gc?: unknown }).gc !== "function") {
    throw new Error("Run with node --expose-gc (pnpm bench does): the heap scenario and the timings need forced collections.");
  }
  const config = quick ? QUICK : FULL;
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const startedAt = performance.now();
  startGcMeter();
  if (TIMED_SCENARIOS.some((name) => only.has(name))) {
    log(`warming up both controllers (${quick ? "quick" : "full"} run)`);
    await warmUp();
  }
  const results = await runAll(config, only, log);
  const durationSeconds = (performance.now() - startedAt) / 1000;
  const heading = `${quick ? "quick" : "full"} run, node ${process.version}, ${cpus().length} cores, ${durationSeconds.toFixed(0)} s`;
  process.stdout.write(`${renderReport(results, heading)}\n`);
  const outputDirectory = fileURLToPath(new URL("../results/", import.meta.url));
  await mkdir(outputDirectory, { recursive: true });
  const document = {
    meta: { date: new Date().toISOString(), node: process.version, cores: cpus().length, quick, durationSeconds, scenarios: [...only] },
    config,
    units: { time: "ms (medians; samples kept)", heap: "bytes", bundle: "bytes", renders: "render-body calls (medians; samples kept)" },
    results,
    ratios: ratiosOf(results),
    targets: checkTargets(results),
    pending: [],
  };
  await writeFile(`${outputDirectory}latest.json`, `${JSON.stringify(document, null, 2)}\n`);
  log(`wrote ${outputDirectory}latest.json`);
}

await main();
