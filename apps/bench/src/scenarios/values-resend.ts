/**
 * Scenario 3: one `values` event re-sending N held messages plus one new one, into a controller
 * already showing the N messages; timed from the frame to the new list in the store, next to
 * `JSON.parse` of the same frames.
 */
import { createContender, type ContenderName } from "../contenders";
import { settleGarbage, verifyFinalState, waitForSnapshot, withTimeout } from "../harness";
import { ScriptedServer } from "../server/scripted-server";
import { heldMessages, valuesResendPlanner } from "../server/script";
import { summarize, type Summary } from "../stats";
import { framesOf } from "./floor";

/** One N; times in milliseconds. */
export interface ValuesResendRow {
  readonly held: number;
  readonly ours: Summary;
  readonly reference: Summary;
  /** `JSON.parse` of the re-sending segment's frames (checkpoint + values). */
  readonly parse: Summary;
}

/** What the scenario runs. */
export interface ValuesResendConfig {
  readonly heldCounts: readonly number[];
  readonly repetitions: number;
  readonly log: (line: string) => void;
}

async function measureOnce(name: ContenderName, held: number): Promise<number> {
  const server = new ScriptedServer(valuesResendPlanner(), heldMessages(held));
  const contender = createContender(name, server);
  try {
    const submitted = contender.submit("Anything new?");
    await server.whenRunStarted(1);
    await server.play("burst");
    await waitForSnapshot(contender, (snapshot) => snapshot.messages.length === held + 1);
    await settleGarbage();
    const shown = waitForSnapshot(contender, (snapshot) => snapshot.messages.length === held + 2);
    const timing = await server.play("burst");
    const doneAt = await shown;
    await server.play("burst");
    await withTimeout(submitted, 10_000, `${name}'s submit() to resolve`);
    await new Promise((resolve) => setTimeout(resolve, 5));
    verifyFinalState(contender, server.script.finalMessages.length, server.script.finalText);
    return doneAt - timing.startedAt;
  } finally {
    await contender.dispose();
  }
}

function measureParse(frames: readonly string[]): number {
  const startedAt = performance.now();
  for (const raw of frames) JSON.parse(raw);
  return performance.now() - startedAt;
}

/**
 * Measures every N.
 *
 * @example
 * const rows = await runValuesResend({ heldCounts: [200], repetitions: 3, log: console.log });
 */
export async function runValuesResend(config: ValuesResendConfig): Promise<ValuesResendRow[]> {
  const rows: ValuesResendRow[] = [];
  for (const held of config.heldCounts) {
    const samples = { ours: [] as number[], reference: [] as number[], parse: [] as number[] };
    const resend = (await framesOf(valuesResendPlanner(), held))[1]!;
    for (let repetition = 0; repetition < config.repetitions; repetition += 1) {
      const order: ContenderName[] = repetition % 2 === 0 ? ["ours", "reference"] : ["reference", "ours"];
      for (const name of order) {
        samples[name].push(await measureOnce(name, held));
      }
      await settleGarbage();
      samples.parse.push(measureParse(resend));
    }
    const row: ValuesResendRow = {
      held,
      ours: summarize(samples.ours),
      reference: summarize(samples.reference),
      parse: summarize(samples.parse),
    };
    config.log(
      `  values re-send N=${held}: ours ${row.ours.median.toFixed(2)} ms, reference ${row.reference.median.toFixed(2)} ms, ` +
        `JSON.parse ${row.parse.median.toFixed(2)} ms`,
    );
    rows.push(row);
  }
  return rows;
}
