/**
 * Where the current run begins in a thread's event sequence, for the run-scoped readers.
 */
import { isTerminalLifecycleStatus, type ProtocolEvent } from "../protocol/types";

/** Root terminal seqs remembered (a replay rarely brings more runs than this before the mark). */
const REMEMBERED_TERMINALS = 32;
/** How long a start waits for the replay to reach the server's mark before it settles anyway. */
const SETTLE_TIMEOUT_MS = 3_000;

interface Settling {
  readonly promise: Promise<void>;
  readonly resolve: () => void;
  mark: number | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Events at or below `seq` belong to runs before the current one. A run this stream starts
 * (`run.start`, `input.respond`) moves the floor in two steps: at once to the highest seq seen,
 * then, when the server's answer gives its sequence mark and the replay has caught up to it, past
 * the last run that ended at or before the mark. Between the two, `settled` is pending and readers
 * hold their events, so a thread's earlier runs (replayed to a stream that just connected) never
 * end a reader early or leak into it. A root `running` the stream did not cause (attaching to a run
 * started elsewhere) moves the floor to just before it.
 *
 * @example
 * floor.begin(feed.maxSeq);
 * await command("run.start", params).then(() => floor.accepted(ordering.lastAppliedThroughSeq), () => floor.failed());
 */
export class RunFloor {
  #seq = 0;
  #maxSeen = 0;
  readonly #terminals: number[] = [];
  #settling: Settling | undefined;

  /** The floor: events at or below it are older runs'. */
  get seq(): number {
    return this.#seq;
  }

  /** Pending while a started run's floor is not known yet; `undefined` otherwise. */
  get settled(): Promise<void> | undefined {
    return this.#settling?.promise;
  }

  /** A command that starts or resumes a run is about to be sent; `maxSeq` is the highest seq seen. */
  begin(maxSeq: number): void {
    this.#seq = maxSeq;
    if (this.#settling !== undefined) return;
    let resolve!: () => void;
    const promise = new Promise<void>((settle) => (resolve = settle));
    this.#settling = { promise, resolve, mark: undefined, timer: undefined };
  }

  /** The server accepted the command; `mark` is its `applied_through_seq` (if it sent one). */
  accepted(mark: number | undefined): void {
    const settling = this.#settling;
    if (settling === undefined) return;
    if (mark === undefined) return this.#finish();
    settling.mark = mark;
    // This stream may never see the event at the mark (another channel): settle with what it saw.
    settling.timer ??= setTimeout(() => this.#settleAt(mark), SETTLE_TIMEOUT_MS);
    this.#trySettle();
  }

  /** The command failed: no run starts; the floor stays where `begin` put it. */
  failed(): void {
    this.#finish();
  }

  /** Reads every new event of the thread, in order. */
  observe(event: ProtocolEvent): void {
    const seq = event.seq;
    if (typeof seq !== "number") return;
    if (seq > this.#maxSeen) this.#maxSeen = seq;
    if (event.method === "lifecycle" && event.params.namespace.length === 0) {
      const status = (event.params.data as { event?: string } | null)?.event;
      // Attaching to a thread: a run we did not start begins here.
      if (status === "running" && seq - 1 > this.#seq) this.#seq = seq - 1;
      else if (isTerminalLifecycleStatus(status)) {
        this.#terminals.push(seq);
        if (this.#terminals.length > REMEMBERED_TERMINALS) this.#terminals.shift();
      }
    }
    this.#trySettle();
  }

  /** The server's sequence started over (its thread record restarted): forget every seq seen. */
  restart(): void {
    this.#seq = 0;
    this.#maxSeen = 0;
    this.#terminals.length = 0;
  }

  /** The stream closed: nothing more will arrive. */
  close(): void {
    this.#finish();
  }

  #trySettle(): void {
    const mark = this.#settling?.mark;
    if (mark === undefined || this.#maxSeen < mark) return;
    this.#settleAt(mark);
  }

  /** Moves the floor past the last run that ended at or before `mark`, and releases the readers. */
  #settleAt(mark: number): void {
    let lastEnded: number | undefined;
    for (const terminal of this.#terminals) if (terminal <= mark) lastEnded = terminal;
    if (lastEnded !== undefined && lastEnded > this.#seq) this.#seq = lastEnded;
    this.#finish();
  }

  #finish(): void {
    const settling = this.#settling;
    if (settling === undefined) return;
    this.#settling = undefined;
    clearTimeout(settling.timer);
    settling.resolve();
  }
}
