/**
 * Drives one contender through one scripted run and measures it: wall time from the first frame
 * to the final state being visible in the root store, and the store notifications on the way.
 */
import { gcTimeBetween } from "./gc-meter";
import { createContender, textOf, type Contender, type ContenderName, type SnapshotView } from "./contenders";
import { type DeliveryMode, type Frame, ScriptedServer } from "./server/scripted-server";
import { heldMessages, replyPlanner, type RunPlanner } from "./server/script";

/** What one measured run produced. */
export interface RunMeasurement {
  /** From the first frame handed over to the final state visible in the store, in ms. */
  readonly elapsedMs: number;
  /** Root-store notifications from the first frame until the run settled (5 ms after `submit()` resolved). */
  readonly notifications: number;
  /** Whether the final state (isLoading false) was visible before the terminal frame's macrotask ended. */
  readonly terminalInSameTask: boolean;
  /**
   * Steady notification rate per second: notifications before the final one, over the time
   * between the first and the last of them (the terminal flush is left out: it is immediate by design).
   */
  readonly notificationsPerSecond: number;
  /** Shortest gap between two notifications before the final state (ms); Infinity with fewer than 2. */
  readonly minGapMs: number;
  /** Milliseconds of garbage collection inside the timed window. */
  readonly gcMs: number;
  /** CPU time of the process (user + system) from the first frame to the final state, in ms. */
  readonly cpuMs: number;
}

/** Forces a full collection when node runs with `--expose-gc`. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Collects garbage, then waits for the collector's concurrent sweeping to finish, so a timed
 * window starts with an empty young generation and no GC threads competing for the 2 cores.
 */
export async function settleGarbage(): Promise<void> {
  collectGarbage();
  await new Promise((resolve) => setTimeout(resolve, 25));
}

/** Rejects when `promise` has not settled within `timeoutMs`. */
export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Resolves with `performance.now()` at the first moment the store satisfies `predicate` (now, or
 * at a later notification).
 *
 * @example
 * await waitForSnapshot(contender, (snapshot) => snapshot.messages.length === 201);
 */
export function waitForSnapshot(
  contender: Contender,
  predicate: (snapshot: SnapshotView) => boolean,
  timeoutMs = 60_000,
): Promise<number> {
  if (predicate(contender.getSnapshot())) return Promise.resolve(performance.now());
  let unsubscribe = (): void => undefined;
  const reached = new Promise<number>((resolve) => {
    unsubscribe = contender.subscribe(() => {
      if (predicate(contender.getSnapshot())) resolve(performance.now());
    });
  });
  return withTimeout(reached, timeoutMs, `${contender.name} to reach the expected state`).finally(() => unsubscribe());
}

/** Throws unless the store shows the expected final state. */
export function verifyFinalState(contender: Contender, expectedCount: number, expectedText: string, expectedToolCalls?: number): void {
  const snapshot = contender.getSnapshot();
  const last = snapshot.messages[snapshot.messages.length - 1];
  const problems: string[] = [];
  if (snapshot.isLoading) problems.push("isLoading is still true");
  if (snapshot.messages.length !== expectedCount) problems.push(`${snapshot.messages.length} messages instead of ${expectedCount}`);
  const text = textOf(last);
  if (text !== expectedText) problems.push(`last message text differs (${text.length} vs ${expectedText.length} characters)`);
  if (expectedToolCalls !== undefined && snapshot.toolCalls.length !== expectedToolCalls) {
    problems.push(`${snapshot.toolCalls.length} tool calls instead of ${expectedToolCalls}`);
  }
  if (problems.length > 0) throw new Error(`${contender.name}: wrong final state: ${problems.join("; ")}.`);
}

/** Watches a store until it shows the expected final state. */
class FinalStateWatcher {
  notifications = 0;
  /** `process.cpuUsage()` when the final state was seen. */
  cpuAtDone: NodeJS.CpuUsage | undefined;
  readonly notificationTimes: number[] = [];
  doneAt: number | undefined;
  terminalTaskOver = false;
  doneInTerminalTask = false;
  #steadyCount: number | undefined;
  readonly done: Promise<number>;
  #resolve!: (at: number) => void;
  readonly #unsubscribe: () => void;

  constructor(
    private readonly contender: Contender,
    private readonly expectedCount: number,
    private readonly expectedText: string,
  ) {
    this.done = new Promise((resolve) => (this.#resolve = resolve));
    this.#unsubscribe = contender.subscribe(() => {
      this.notifications += 1;
      this.notificationTimes.push(performance.now());
      this.check(true);
    });
  }

  /** Records the final state if the store shows it; `fromNotification`: called by a store notification. */
  check(fromNotification = false): void {
    if (this.doneAt !== undefined) return;
    const snapshot = this.contender.getSnapshot();
    if (snapshot.isLoading || snapshot.messages.length !== this.expectedCount) return;
    if (textOf(snapshot.messages[snapshot.messages.length - 1]) !== this.expectedText) return;
    this.doneAt = performance.now();
    this.#steadyCount = this.notificationTimes.length - (fromNotification ? 1 : 0);
    this.cpuAtDone = process.cpuUsage();
    // isLoading turns false only with the terminal frame, so done before its macrotask ended = same task.
    this.doneInTerminalTask = !this.terminalTaskOver;
    this.#resolve(this.doneAt);
  }

  afterFrame = (frame: Frame): void => {
    if (!frame.terminal) return;
    // The terminal frame's macrotask is over once any later macrotask runs (check or timer phase;
    // this 0 ms timer is queued before any the controller queues while handling the frame).
    const markOver = (): void => {
      this.terminalTaskOver = true;
    };
    setImmediate(markOver);
    setTimeout(markOver, 0);
    this.check();
  };

  /** Stops counting (after the run settled, so trailing notifications are counted too). */
  stop(): void {
    this.#unsubscribe();
  }

  /** Notification times before the one that showed the final state. */
  get steadyTimes(): number[] {
    return this.notificationTimes.slice(0, this.#steadyCount ?? this.notificationTimes.length);
  }
}

/** Rate of the notifications before the final state (see {@link RunMeasurement.notificationsPerSecond}). */
function steadyRate(steady: readonly number[]): number {
  if (steady.length < 2) return 0;
  const spanMs = steady[steady.length - 1]! - steady[0]!;
  return spanMs > 0 ? ((steady.length - 1) * 1000) / spanMs : Number.POSITIVE_INFINITY;
}

/** The shortest gap between consecutive times. */
function minGap(times: readonly number[]): number {
  let shortest = Number.POSITIVE_INFINITY;
  for (let index = 1; index < times.length; index += 1) shortest = Math.min(shortest, times[index]! - times[index - 1]!);
  return shortest;
}

/** Options of {@link measureReply}. */
export interface ReplyOptions {
  readonly tokens: number;
  readonly held: number;
  readonly mode: DeliveryMode;
  readonly throttleMs?: number;
  readonly spacingMs?: number;
}

/**
 * Streams one scripted reply into a fresh controller of `name` and measures it.
 *
 * @example
 * const { elapsedMs } = await measureReply("ours", { tokens: 1_000, held: 200, mode: "burst" });
 */
export async function measureReply(name: ContenderName, options: ReplyOptions): Promise<RunMeasurement> {
  return measureScriptedRun(name, replyPlanner(options.tokens), options.held, options);
}

async function measureScriptedRun(
  name: ContenderName,
  planner: RunPlanner,
  held: number,
  options: { mode: DeliveryMode; throttleMs?: number; spacingMs?: number },
): Promise<RunMeasurement> {
  const server = new ScriptedServer(planner, heldMessages(held));
  const contender = createContender(name, server, { throttleMs: options.throttleMs });
  try {
    const submitted = contender.submit("What is the forecast for the coast?");
    await server.whenRunStarted(1);
    const script = server.script;
    await settleGarbage();
    const watcher = new FinalStateWatcher(contender, script.finalMessages.length, script.finalText);
    const cpuAtStart = process.cpuUsage();
    const timing = await server.play(options.mode, { spacingMs: options.spacingMs, afterFrame: watcher.afterFrame });
    const doneAt = await withTimeout(watcher.done, 120_000, `${name} to show the final state`);
    await withTimeout(submitted, 10_000, `${name}'s submit() to resolve`);
    // Let deferred work settle before checking the state the user would keep seeing.
    await new Promise((resolve) => setTimeout(resolve, 5));
    watcher.stop();
    verifyFinalState(contender, script.finalMessages.length, script.finalText, 1);
    const elapsedMs = doneAt - timing.startedAt;
    const gcMs = await gcTimeBetween(timing.startedAt, doneAt);
    const cpuAtDone = watcher.cpuAtDone ?? process.cpuUsage();
    return {
      gcMs,
      cpuMs: (cpuAtDone.user - cpuAtStart.user + cpuAtDone.system - cpuAtStart.system) / 1000,
      elapsedMs,
      notifications: watcher.notifications,
      terminalInSameTask: watcher.doneInTerminalTask,
      notificationsPerSecond: steadyRate(watcher.steadyTimes),
      minGapMs: minGap(watcher.steadyTimes),
    };
  } finally {
    await contender.dispose();
  }
}
