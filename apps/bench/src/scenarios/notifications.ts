/**
 * Scenario 2: root-store notifications per reply in each delivery mode, for ours without and with
 * `throttleMs: 16` and for the reference (which has no throttle option).
 */
import type { ContenderName } from "../contenders";
import { measureReply, type RunMeasurement } from "../harness";
import type { DeliveryMode } from "../server/scripted-server";
import { summarize, type Summary } from "../stats";

/** A controller configuration of this scenario. */
export type NotificationSubject = "ours" | "ours-throttle-16" | "reference";

/** The throttle this scenario tests. */
export const THROTTLE_MS = 16;

/** One (mode, subject) result. */
export interface NotificationRow {
  readonly mode: DeliveryMode;
  readonly tokens: number;
  readonly held: number;
  readonly subject: NotificationSubject;
  readonly notifications: Summary;
  readonly notificationsPerSecond: Summary;
  /** Shortest gap between two notifications before the final state, over every run (ms). */
  readonly minGapMs: number;
  readonly elapsedMs: Summary;
  /** Whether every run showed the final state (isLoading false) in the terminal frame's macrotask. */
  readonly terminalInSameTask: boolean;
}

/** What the scenario runs. */
export interface NotificationConfig {
  readonly burstTokens: number;
  readonly macrotaskTokens: number;
  readonly pacedTokens: number;
  readonly pacedSpacingMs: number;
  readonly held: number;
  readonly repetitions: number;
  readonly log: (line: string) => void;
}

const SUBJECTS: readonly NotificationSubject[] = ["ours", "ours-throttle-16", "reference"];

function contenderOf(subject: NotificationSubject): { name: ContenderName; throttleMs?: number } {
  if (subject === "ours-throttle-16") return { name: "ours", throttleMs: THROTTLE_MS };
  return { name: subject };
}

/**
 * Measures every mode for every subject.
 *
 * @example
 * const rows = await runNotifications({ burstTokens: 1_000, macrotaskTokens: 2_000, pacedTokens: 200, pacedSpacingMs: 2, held: 200, repetitions: 1, log: console.log });
 */
export async function runNotifications(config: NotificationConfig): Promise<NotificationRow[]> {
  const modes: { mode: DeliveryMode; tokens: number }[] = [
    { mode: "burst", tokens: config.burstTokens },
    { mode: "macrotasks", tokens: config.macrotaskTokens },
    { mode: "paced", tokens: config.pacedTokens },
  ];
  const rows: NotificationRow[] = [];
  for (const { mode, tokens } of modes) {
    for (const subject of SUBJECTS) {
      const runs: RunMeasurement[] = [];
      for (let repetition = 0; repetition < config.repetitions; repetition += 1) {
        const { name, throttleMs } = contenderOf(subject);
        runs.push(await measureReply(name, { tokens, held: config.held, mode, throttleMs, spacingMs: config.pacedSpacingMs }));
      }
      const row: NotificationRow = {
        mode,
        tokens,
        held: config.held,
        subject,
        notifications: summarize(runs.map((run) => run.notifications)),
        notificationsPerSecond: summarize(runs.map((run) => run.notificationsPerSecond)),
        minGapMs: Math.min(...runs.map((run) => run.minGapMs)),
        elapsedMs: summarize(runs.map((run) => run.elapsedMs)),
        terminalInSameTask: runs.every((run) => run.terminalInSameTask),
      };
      config.log(
        `  notifications ${mode} T=${tokens} ${subject}: ${row.notifications.median} per reply, ` +
          `${row.notificationsPerSecond.median.toFixed(0)}/s, ${row.elapsedMs.median.toFixed(1)} ms`,
      );
      rows.push(row);
    }
  }
  return rows;
}
