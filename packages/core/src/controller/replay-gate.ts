/**
 * Keeps a thread's replayed history out of stores that were already filled from its stored state.
 */
import type { ProtocolEvent } from "../protocol/types";

function isRootRunning(event: ProtocolEvent): boolean {
  return (
    event.method === "lifecycle" &&
    event.params.namespace.length === 0 &&
    (event.params.data as { event?: unknown } | null)?.event === "running"
  );
}

/**
 * Decides which events of a thread are live. A stream opened on an existing thread replays every
 * earlier run first; when the controller already shows that thread's stored state, those replays
 * would re-stream old messages, flip `isLoading` and resurrect answered interrupts.
 *
 * A closed gate drops events until the controller's next command (run start or resume) was
 * accepted: the server's `applied_through_seq` for that command includes the new run's first root
 * `running` event, so the last root `running` at or below it starts the live part. Events arrive in
 * seq order, so once an event at or past that seq was seen, everything from that `running` on is
 * delivered and the gate stays open. Only the events since the latest root `running` are buffered.
 * Re-attaching to a run in flight uses the same mark from a no-op command: the last root `running`
 * at or below it is the start of that run.
 *
 * @example
 * const gate = new ReplayGate(false, apply);
 * thread.onEvent((event) => gate.push(event));
 * await thread.run.start(params);
 * gate.commandAccepted(thread.ordering.lastAppliedThroughSeq);
 */
export class ReplayGate {
  #open: boolean;
  #buffer: ProtocolEvent[] = [];
  #appliedThroughSeq: number | undefined;
  #lastSeq = 0;
  readonly #deliver: (event: ProtocolEvent) => void;

  constructor(open: boolean, deliver: (event: ProtocolEvent) => void) {
    this.#open = open;
    this.#deliver = deliver;
  }

  /** Whether events now pass straight through. */
  get isOpen(): boolean {
    return this.#open;
  }

  /** Offers one event (in arrival order). */
  push(event: ProtocolEvent): void {
    if (this.#open) {
      this.#deliver(event);
      return;
    }
    if (typeof event.seq === "number" && event.seq > this.#lastSeq) this.#lastSeq = event.seq;
    if (isRootRunning(event)) this.#buffer = [event];
    else if (this.#buffer.length > 0 || this.#isPastMark(event)) this.#buffer.push(event);
    this.#tryOpen();
  }

  /**
   * The controller's command was accepted; `appliedThroughSeq` comes from its response (0 when the
   * server sends no ordering information: the gate then opens at once).
   */
  commandAccepted(appliedThroughSeq: number): void {
    if (this.#open) return;
    this.#appliedThroughSeq = appliedThroughSeq;
    this.#tryOpen();
  }

  /** Events after the command's mark are live whether or not a root `running` was seen. */
  #isPastMark(event: ProtocolEvent): boolean {
    return this.#appliedThroughSeq !== undefined && typeof event.seq === "number" && event.seq > this.#appliedThroughSeq;
  }

  #tryOpen(): void {
    const applied = this.#appliedThroughSeq;
    if (applied === undefined || this.#lastSeq < applied) return;
    // Every event up to the mark was seen, so the buffer starts at the new run's `running`.
    const pending = this.#buffer;
    this.#open = true;
    this.#buffer = [];
    for (const event of pending) this.#deliver(event);
  }
}
