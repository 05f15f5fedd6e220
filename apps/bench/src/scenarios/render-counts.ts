/**
 * Scenario 7: React render counts in Chromium while a reply streams into a list of held messages,
 * ours (`@agent-stream/react`) vs the reference (`@langchain/react`). The page
 * (`src/browser/render-counts-page.tsx`) is bundled with esbuild for production and run in
 * Debian's chromium through playwright-core; a fresh page per run.
 */
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium, type Browser } from "playwright-core";
import type { ContenderName } from "../contenders";
import type { RenderBenchPage, RenderRunRequest, RenderRunResult, RenderTallySnapshot } from "../browser/render-protocol";
import type { DeliveryMode } from "../server/scripted-server";
import { summarize, type Summary } from "../stats";

/** Debian's chromium (never a downloaded browser); override with AGENT_STREAM_CHROMIUM. */
const CHROMIUM_PATH = process.env.AGENT_STREAM_CHROMIUM ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-dev-shm-usage",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const PAGE_ENTRY = fileURLToPath(new URL("../browser/render-counts-page.tsx", import.meta.url));

/** One (mode, contender) result over the repetitions. */
export interface RenderRow {
  readonly mode: DeliveryMode;
  readonly contender: ContenderName;
  readonly tokens: number;
  readonly held: number;
  /** Rows on screen when the window opened that are not the streaming one (held + the question). */
  readonly finishedRowCount: number;
  /** Renders of the streaming message's row. */
  readonly streamingRow: Summary;
  /** Renders of the streaming row that showed the same text as its previous render. */
  readonly streamingRowSameText: Summary;
  /** Renders of finished rows plus their children, all rows together. */
  readonly finishedTotal: Summary;
  /** Distinct finished rows that rendered at least once. */
  readonly distinctFinishedRows: Summary;
  /** Finished messages that arrived as new objects (same id), counted per commit. */
  readonly finishedIdentityChanges: Summary;
  /** Renders of the component that maps over the messages. */
  readonly list: Summary;
  /** Renders after the final state was committed (up to 50 ms after `submit()` resolved), all roles. */
  readonly trailing: Summary;
  /** Mean spacing of the reply's frames in the page (ms). */
  readonly frameSpacingMs: Summary;
  /** Every run, as the page reported it. */
  readonly runs: readonly RenderRunResult[];
}

/** What the scenario runs. */
export interface RenderConfig {
  readonly tokens: number;
  readonly held: number;
  readonly modes: readonly DeliveryMode[];
  readonly spacingMs: number;
  readonly repetitions: number;
  readonly log: (line: string) => void;
}

/** Bundles the page for production (React's production build, no minification). */
async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [PAGE_ENTRY],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    jsx: "automatic",
    conditions: ["@agent-stream/source"],
    define: { "process.env.NODE_ENV": '"production"' },
    minify: false,
    write: false,
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error("esbuild produced no output for the render page.");
  return output.text;
}

function totalRenders(tally: RenderTallySnapshot): number {
  return tally.list + tally.streamingRow + tally.streamingRowChild + tally.finishedRows + tally.finishedRowChildren;
}

/** Runs one request on a fresh page and returns the page's result. */
async function runOnPage(browser: Browser, bundle: string, request: RenderRunRequest): Promise<RenderRunResult> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(message.text());
    });
    await page.setContent("<!doctype html><html><head><title>render counts</title></head><body></body></html>");
    await page.addScriptTag({ content: bundle });
    try {
      return await page.evaluate((pageRequest) => (globalThis as unknown as { renderBench: RenderBenchPage }).renderBench.run(pageRequest), request);
    } catch (cause) {
      const details = pageErrors.length > 0 ? ` Page errors: ${pageErrors.join(" | ")}` : "";
      throw new Error(`${request.contender} (${request.mode}) failed in the page: ${(cause as Error).message}${details}`, { cause });
    }
  } finally {
    await context.close();
  }
}

/** Throws unless the run committed the expected final state, and both contenders the same one. */
function verifyRun(result: RenderRunResult, reference: RenderRunResult | undefined): void {
  const problems: string[] = [];
  if (result.finalIsLoading) problems.push("isLoading is still true");
  if (result.finalMessageCount !== result.held + 2) problems.push(`${result.finalMessageCount} messages instead of ${result.held + 2}`);
  if (reference !== undefined && (reference.finalText !== result.finalText || reference.finalMessageCount !== result.finalMessageCount)) {
    problems.push(`final state differs from ${reference.contender}'s (${result.finalText.length} vs ${reference.finalText.length} characters)`);
  }
  if (result.beforeWindow.distinctFinishedRows < result.held + 1) {
    problems.push(`the counters saw ${result.beforeWindow.distinctFinishedRows} rows paint before the reply instead of ${result.held + 1}`);
  }
  if (problems.length > 0) throw new Error(`${result.contender} (${result.mode}): invalid run: ${problems.join("; ")}.`);
}

function rowOf(runs: readonly RenderRunResult[], config: RenderConfig): RenderRow {
  const first = runs[0]!;
  const of = (pick: (run: RenderRunResult) => number): Summary => summarize(runs.map(pick));
  return {
    mode: first.mode,
    contender: first.contender,
    tokens: config.tokens,
    held: config.held,
    finishedRowCount: config.held + 1,
    streamingRow: of((run) => run.settled.streamingRow),
    streamingRowSameText: of((run) => run.settled.streamingRowSameText),
    finishedTotal: of((run) => run.settled.finishedRows + run.settled.finishedRowChildren),
    distinctFinishedRows: of((run) => run.settled.distinctFinishedRows),
    finishedIdentityChanges: of((run) => run.settled.finishedIdentityChanges),
    list: of((run) => run.settled.list),
    trailing: of((run) => totalRenders(run.settled) - totalRenders(run.atFinal)),
    frameSpacingMs: of((run) => (run.frames > 1 ? run.deliveryMs / (run.frames - 1) : 0)),
    runs,
  };
}

/**
 * Measures every mode for both contenders (alternating, a fresh page per run).
 *
 * @example
 * const rows = await runRenderCounts({ tokens: 200, held: 200, modes: ["paced", "burst"], spacingMs: 2, repetitions: 1, log: console.log });
 */
export async function runRenderCounts(config: RenderConfig): Promise<RenderRow[]> {
  const bundle = await bundlePage();
  config.log(`  render page bundled (${(bundle.length / 1e6).toFixed(1)} MB, production React)`);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const rows: RenderRow[] = [];
    for (const mode of config.modes) {
      const runs: Record<ContenderName, RenderRunResult[]> = { ours: [], reference: [] };
      for (let repetition = 0; repetition < config.repetitions; repetition += 1) {
        for (const contender of ["ours", "reference"] as const) {
          const request: RenderRunRequest = { contender, mode, tokens: config.tokens, held: config.held, spacingMs: config.spacingMs };
          const result = await runOnPage(browser, bundle, request);
          verifyRun(result, contender === "reference" ? runs.ours[runs.ours.length - 1] : undefined);
          runs[contender].push(result);
        }
      }
      for (const contender of ["ours", "reference"] as const) {
        const row = rowOf(runs[contender], config);
        config.log(
          `  renders ${mode} ${contender}: streaming row ${row.streamingRow.median}, finished rows ${row.finishedTotal.median}, list ${row.list.median}`,
        );
        rows.push(row);
      }
    }
    return rows;
  } finally {
    await browser.close();
  }
}
