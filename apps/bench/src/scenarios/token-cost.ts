/**
 * Scenarios 1 and 5: a reply of T tokens into a thread holding N messages, delivered in one burst,
 * for both controllers, next to the floor (parse + concatenation of the same frames).
 */
import type { ContenderName } from "../contenders";
import { measureReply, settleGarbage } from "../harness";
import { replyPlanner } from "../server/script";
import { summarize, type Summary } from "../stats";
import { framesOf, measureDeliveredFloor, measureFloor } from "./floor";

/** One (T, N) cell; times in milliseconds. */
export interface TokenCostCell {
  readonly tokens: number;
  readonly held: number;
  readonly ours: Summary;
  readonly reference: Summary;
  readonly floor: Summary;
  /** The floor as delivered by the scripted server (see `measureDeliveredFloor`). */
  readonly deliveredFloor: Summary;
  /** Garbage collection inside the timed window. */
  readonly oursGc: Summary;
  readonly referenceGc: Summary;
  /** CPU time of the process in the same windows (less sensitive to other load on the machine). */
  readonly oursCpu: Summary;
  readonly referenceCpu: Summary;
  readonly floorCpu: Summary;
  /**
   * Ratios within each repetition (measured seconds apart, so a burst of load elsewhere on the
   * machine hits both sides of a ratio): more robust than a ratio of medians on a noisy machine.
   */
  readonly oursOverFloor: Summary;
  readonly oursOverDeliveredFloor: Summary;
  readonly oursOverReference: Summary;
}

/** What the scenario runs. */
export interface TokenCostConfig {
  readonly tokenCounts: readonly number[];
  readonly heldCounts: readonly number[];
  readonly repetitions: number;
  readonly log: (line: string) => void;
}

interface CellSamples {
  ours: number[];
  reference: number[];
  oursGc: number[];
  referenceGc: number[];
  floor: number[];
  deliveredFloor: number[];
  oursCpu: number[];
  referenceCpu: number[];
  floorCpu: number[];
}

/**
 * Runs the grid; each repetition measures every cell once per controller, alternating which
 * controller goes first so drift hits both.
 *
 * @example
 * const cells = await runTokenCost({ tokenCounts: [1_000], heldCounts: [0], repetitions: 3, log: console.log });
 */
export async function runTokenCost(config: TokenCostConfig): Promise<TokenCostCell[]> {
  const cells = config.tokenCounts.flatMap((tokens) => config.heldCounts.map((held) => ({ tokens, held })));
  const samples = new Map<string, CellSamples>();
  const keyOf = (tokens: number, held: number): string => `${tokens}/${held}`;
  for (const { tokens, held } of cells) {
    samples.set(keyOf(tokens, held), { ours: [], reference: [], oursGc: [], referenceGc: [], floor: [], deliveredFloor: [], oursCpu: [], referenceCpu: [], floorCpu: [] });
  }
  for (let repetition = 0; repetition < config.repetitions; repetition += 1) {
    const order: ContenderName[] = repetition % 2 === 0 ? ["ours", "reference"] : ["reference", "ours"];
    for (const { tokens, held } of cells) {
      const cell = samples.get(keyOf(tokens, held))!;
      for (const name of order) {
        const measurement = await measureReply(name, { tokens, held, mode: "burst" });
        cell[name].push(measurement.elapsedMs);
        cell[name === "ours" ? "oursGc" : "referenceGc"].push(measurement.gcMs);
        cell[name === "ours" ? "oursCpu" : "referenceCpu"].push(measurement.cpuMs);
      }
      const [frames] = await framesOf(replyPlanner(tokens), held);
      await settleGarbage();
      const floor = measureFloor(frames!);
      cell.floor.push(floor.wallMs);
      cell.floorCpu.push(floor.cpuMs);
      cell.deliveredFloor.push((await measureDeliveredFloor(replyPlanner(tokens), held)).wallMs);
      config.log(
        `  token cost rep ${repetition + 1}/${config.repetitions} T=${tokens} N=${held}: ours ${cell.ours.at(-1)!.toFixed(1)} ms, ` +
          `reference ${cell.reference.at(-1)!.toFixed(1)} ms, floor ${cell.floor.at(-1)!.toFixed(1)} ms, ` +
          `delivered floor ${cell.deliveredFloor.at(-1)!.toFixed(1)} ms`,
      );
    }
  }
  return cells.map(({ tokens, held }) => {
    const cell = samples.get(keyOf(tokens, held))!;
    return {
      tokens,
      held,
      ours: summarize(cell.ours),
      reference: summarize(cell.reference),
      floor: summarize(cell.floor),
      deliveredFloor: summarize(cell.deliveredFloor),
      oursGc: summarize(cell.oursGc),
      referenceGc: summarize(cell.referenceGc),
      oursCpu: summarize(cell.oursCpu),
      referenceCpu: summarize(cell.referenceCpu),
      floorCpu: summarize(cell.floorCpu),
      oursOverFloor: summarize(cell.ours.map((ours, index) => ours / cell.floor[index]!)),
      oursOverDeliveredFloor: summarize(cell.ours.map((ours, index) => ours / cell.deliveredFloor[index]!)),
      oursOverReference: summarize(cell.ours.map((ours, index) => ours / cell.reference[index]!)),
    };
  });
}
