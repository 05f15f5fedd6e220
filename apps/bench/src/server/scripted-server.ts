/**
 * An in-memory agent server both controllers talk to: it answers `run.start`, keeps the thread's
 * event log for replay to newly opened connections (as the real server's per-run buffer does), and
 * plays scripted events as JSON strings in the real server's envelopes.
 */
import { channelOf, filterAccepts, type WireFilter } from "./filter";
import type { RunPlanner, RunScript, ScriptEvent, WireMessage } from "./script";

/** How a segment's frames are handed to the connections. */
export type DeliveryMode = "burst" | "macrotasks" | "paced";

/** One serialized event, with what the server filters on. */
export interface Frame {
  readonly raw: string;
  readonly channel: string | undefined;
  readonly namespace: readonly string[];
  readonly terminal: boolean;
  /** Channel and namespace, the key connections cache their filter decision under. */
  readonly routeKey: string;
}

/** When a segment's delivery started and ended (`performance.now()`). */
export interface PlayTiming {
  readonly startedAt: number;
  readonly finishedAt: number;
}

/** A client's view of one open event connection. */
export interface ServerConnection {
  close(): void;
}

interface Connection {
  readonly filter: WireFilter;
  /** Filter decisions per route key: the server's filtering stays out of the clients' timings. */
  readonly accepts: Map<string, boolean>;
  readonly deliver: (raw: string) => void;
  live: boolean;
  open: boolean;
}

/** A command as both clients send it. */
interface Command {
  readonly id: number;
  readonly method: string;
  readonly params?: Record<string, unknown>;
}

/** Options of {@link ScriptedServer.play}. */
export interface PlayOptions {
  /** Spacing of `paced` frames in milliseconds (default 2: wider than a 0 ms timer's real delay). */
  readonly spacingMs?: number;
  /** Called right after each frame was handed to every connection. */
  readonly afterFrame?: (frame: Frame) => void;
  /**
   * Waits between `paced` frames (default: a `setTimeout` of `spacingMs`). A browser page passes
   * one that hands frames over in their own non-timer task, as network data arrives, because
   * browsers clamp nested timers to 4 ms.
   */
  readonly pace?: (spacingMs: number) => Promise<void>;
}

const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function humanOf(params: Record<string, unknown> | undefined, runIndex: number): WireMessage {
  const input = params?.input as { messages?: unknown } | undefined;
  const first = Array.isArray(input?.messages) ? (input.messages[0] as Record<string, unknown> | undefined) : undefined;
  const content = typeof first?.content === "string" ? first.content : "hello";
  const id = typeof first?.id === "string" ? first.id : `human-${runIndex}`;
  return { type: "human", id, content };
}

/**
 * The scripted server of one thread.
 *
 * @example
 * const server = new ScriptedServer(replyPlanner(1_000), heldMessages(200));
 * // a controller submits through an adapter wrapping `server` ...
 * await server.whenRunStarted(1);
 * await server.play("burst");
 */
export class ScriptedServer {
  #seq = 0;
  #log: Frame[] = [];
  readonly #connections = new Set<Connection>();
  #history: WireMessage[];
  #planner: RunPlanner;
  #pending: Frame[][] = [];
  #script: RunScript | undefined;
  #runCount = 0;
  #emitted = 0;

  constructor(planner: RunPlanner, history: readonly WireMessage[] = []) {
    this.#planner = planner;
    this.#history = [...history];
  }

  /** Events emitted so far (every channel, before filtering). */
  get emittedEvents(): number {
    return this.#emitted;
  }

  /** Runs started so far. */
  get runCount(): number {
    return this.#runCount;
  }

  /** The script of the latest run. */
  get script(): RunScript {
    if (this.#script === undefined) throw new Error("No run was started on the scripted server yet.");
    return this.#script;
  }

  /** Segments of the latest run not played yet. */
  get pendingSegments(): number {
    return this.#pending.length;
  }

  /** Whether every open connection has replayed the log and receives live frames. */
  get connectionsLive(): boolean {
    for (const connection of this.#connections) if (!connection.live) return false;
    return this.#connections.size > 0;
  }

  /** Filters of the open connections (diagnostics). */
  get connectionFilters(): WireFilter[] {
    return [...this.#connections].map((connection) => connection.filter);
  }

  /** Drops the replay log (the heap scenario must not count frames the server keeps). */
  forgetLog(): void {
    this.#log = [];
  }

  /** Serializes events into frames, stamping `seq`, `event_id` and `timestamp`. */
  frames(events: readonly ScriptEvent[]): Frame[] {
    return events.map((event) => {
      this.#seq += 1;
      const envelope = {
        type: "event",
        event_id: String(this.#seq),
        seq: this.#seq,
        method: event.method,
        params: { namespace: event.namespace, timestamp: 1_795_300_250_000 + this.#seq, data: event.data },
      };
      const status = (event.data as { event?: unknown } | null)?.event;
      const terminal = event.method === "lifecycle" && event.namespace.length === 0 && (status === "completed" || status === "failed");
      const channel = channelOf(event.method, event.data);
      const routeKey = `${channel ?? ""}|${event.namespace.join("\u0000")}`;
      return { raw: JSON.stringify(envelope), channel, namespace: event.namespace, terminal, routeKey };
    });
  }

  /** Answers a command: `run.start` emits the root `running` and prepares the run's frames. */
  async handleCommand(command: Command): Promise<Record<string, unknown>> {
    if (command.method !== "run.start") return { type: "success", id: command.id, result: {} };
    const runIndex = this.#runCount;
    this.#runCount += 1;
    const human = humanOf(command.params, runIndex);
    const script = this.#planner({ history: this.#history, human, runIndex });
    this.#script = script;
    this.#history = [...script.finalMessages];
    const [running] = this.frames([{ method: "lifecycle", namespace: [], data: { event: "running", graph_name: "agent" } }]);
    this.#emit(running!);
    this.#pending = script.segments.map((segment) => this.frames(segment));
    return {
      type: "success",
      id: command.id,
      result: { run_id: `run-${runIndex}` },
      meta: { thread_id: "bench-thread", applied_through_seq: this.#seq },
    };
  }

  /** Opens an event connection; the log is replayed on the next macrotask, then frames arrive live. */
  openStream(filter: WireFilter, deliver: (raw: string) => void): ServerConnection {
    const connection: Connection = { filter, accepts: new Map(), deliver, live: false, open: true };
    this.#connections.add(connection);
    setImmediate(() => {
      if (!connection.open) return;
      for (const frame of this.#log) this.#deliverTo(connection, frame);
      connection.live = true;
    });
    return {
      close: () => {
        connection.open = false;
        this.#connections.delete(connection);
      },
    };
  }

  /** Resolves once run number `count` has started and every connection is live and settled. */
  async whenRunStarted(count: number, timeoutMs = 10_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (this.#runCount < count || !this.connectionsLive) {
      if (performance.now() > deadline) {
        throw new Error(`Scripted server: run ${count} did not start with live connections within ${timeoutMs} ms.`);
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    // Let late subscriptions (the reference rotates its shared stream) open and replay.
    for (let round = 0; round < 3; round += 1) await new Promise((resolve) => setTimeout(resolve, 2));
    if (!this.connectionsLive) await this.whenRunStarted(count, timeoutMs);
  }

  /** Plays the next segment of the current run in `mode`. */
  async play(mode: DeliveryMode, options: PlayOptions = {}): Promise<PlayTiming> {
    const frames = this.#pending.shift();
    if (frames === undefined) throw new Error("Scripted server: no segment left to play.");
    const afterFrame = options.afterFrame;
    if (mode === "burst") {
      await macrotask();
      const startedAt = performance.now();
      for (const frame of frames) {
        this.#emit(frame);
        afterFrame?.(frame);
      }
      return { startedAt, finishedAt: performance.now() };
    }
    const spacingMs = options.spacingMs ?? 2;
    const pace = options.pace ?? ((milliseconds: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, milliseconds)));
    const next = mode === "macrotasks" ? macrotask : (): Promise<void> => pace(spacingMs);
    await next();
    const startedAt = performance.now();
    for (let index = 0; index < frames.length; index += 1) {
      if (index > 0) await next();
      const frame = frames[index]!;
      this.#emit(frame);
      afterFrame?.(frame);
    }
    return { startedAt, finishedAt: performance.now() };
  }

  #emit(frame: Frame): void {
    this.#emitted += 1;
    this.#log.push(frame);
    for (const connection of this.#connections) {
      if (connection.live) this.#deliverTo(connection, frame);
    }
  }

  #deliverTo(connection: Connection, frame: Frame): void {
    let accepted = connection.accepts.get(frame.routeKey);
    if (accepted === undefined) {
      accepted = filterAccepts(connection.filter, frame.channel, frame.namespace);
      connection.accepts.set(frame.routeKey, accepted);
    }
    if (accepted) connection.deliver(frame.raw);
  }
}
