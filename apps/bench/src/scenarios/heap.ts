/**
 * Scenario 4: heap a controller retains after many events in one thread (forced GC), next to the
 * size of the messages themselves as plain parsed objects.
 */
import { createContender, textOf, type ContenderName } from "../contenders";
import { collectGarbage, waitForSnapshot, withTimeout } from "../harness";
import { ScriptedServer } from "../server/scripted-server";
import { replyPlanner } from "../server/script";
import { summarize, type Summary } from "../stats";

/** Heap results in bytes. */
export interface HeapResult {
  readonly runs: number;
  readonly tokensPerRun: number;
  /** Events the server emitted in the thread (all channels). */
  readonly events: number;
  /** Heap held by the live controller: heap with it minus heap once it is disposed and dropped. */
  readonly ours: Summary;
  readonly reference: Summary;
  /** The thread's final messages as plain objects from `JSON.parse`. */
  readonly messages: Summary;
}

/** What the scenario runs. */
export interface HeapConfig {
  readonly runs: number;
  readonly tokensPerRun: number;
  readonly repetitions: number;
  readonly log: (line: string) => void;
}

async function settledHeap(): Promise<number> {
  for (let round = 0; round < 4; round += 1) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    collectGarbage();
  }
  return process.memoryUsage().heapUsed;
}

async function measureRetained(name: ContenderName, config: HeapConfig): Promise<{ retained: number; messages: number; events: number }> {
  const server = new ScriptedServer(replyPlanner(config.tokensPerRun));
  let contender: ReturnType<typeof createContender> | undefined = createContender(name, server);
  for (let run = 1; run <= config.runs; run += 1) {
    const submitted = contender.submit(`Question ${run}`);
    await server.whenRunStarted(run);
    await server.play("burst");
    const { finalMessages, finalText } = server.script;
    await waitForSnapshot(
      contender,
      (snapshot) => !snapshot.isLoading && snapshot.messages.length === finalMessages.length && textOf(snapshot.messages.at(-1)) === finalText,
    );
    await withTimeout(submitted, 10_000, `${name}'s submit() to resolve`);
    server.forgetLog();
  }
  const finalValues = JSON.stringify(server.script.finalMessages);
  const withController = await settledHeap();
  await contender.dispose();
  contender = undefined;
  const withoutController = await settledHeap();
  let messages: unknown = JSON.parse(finalValues);
  const withMessages = await settledHeap();
  const messagesBytes = withMessages - withoutController;
  if (!Array.isArray(messages)) throw new Error("heap: the final values did not parse to a list");
  messages = undefined;
  return { retained: withController - withoutController, messages: messagesBytes, events: server.emittedEvents };
}

/**
 * Measures both controllers `repetitions` times.
 *
 * @example
 * const heap = await runHeap({ runs: 5, tokensPerRun: 20_000, repetitions: 1, log: console.log });
 */
export async function runHeap(config: HeapConfig): Promise<HeapResult> {
  const samples = { ours: [] as number[], reference: [] as number[], messages: [] as number[] };
  let events = 0;
  for (let repetition = 0; repetition < config.repetitions; repetition += 1) {
    for (const name of ["ours", "reference"] as const) {
      const result = await measureRetained(name, config);
      samples[name].push(result.retained);
      samples.messages.push(result.messages);
      events = result.events;
      config.log(
        `  heap ${name}: ${(result.retained / 2 ** 20).toFixed(2)} MiB retained after ${result.events} events ` +
          `(messages alone ${(result.messages / 2 ** 20).toFixed(2)} MiB)`,
      );
    }
  }
  return {
    runs: config.runs,
    tokensPerRun: config.tokensPerRun,
    events,
    ours: summarize(samples.ours),
    reference: summarize(samples.reference),
    messages: summarize(samples.messages),
  };
}
