import { setTimeout as sleep } from "node:timers/promises";
import type { FaultState } from "./fault-plan.js";

/** Where a relay writes the frames of one client connection (an SSE response or a WebSocket). */
export interface FrameSink<TFrame> {
  /** Whether the client connection can still be written to. */
  isOpen(): boolean;
  /** Writes one frame; the returned promise (if any) resolves when the next frame may be written. */
  write(frame: TFrame): Promise<void> | void;
  /** Writes a frame the client cannot parse. */
  writeMalformed(): Promise<void> | void;
  /** Abruptly destroys the client connection and its upstream. */
  cut(): void;
}

/**
 * Serial, order-preserving frame pump for one client connection. Event frames pass through
 * the fault pipeline (delay, duplicate, malformed injection, cut); other frames only keep their place.
 */
export class FrameRelay<TFrame> {
  private forwardedOnConnection = 0;
  private stopped = false;
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly state: FaultState,
    private readonly sink: FrameSink<TFrame>,
  ) {
    // A zero threshold applies before the first frame.
    this.enqueue(() => this.afterFrame());
  }

  /** Queues a protocol event frame; faults apply to it. */
  pushEvent(frame: TFrame): void {
    this.enqueue(() => this.relayEvent(frame));
  }

  /** Queues a frame that is forwarded untouched, after every frame queued before it. */
  pushPassThrough(frame: TFrame): void {
    this.enqueue(() => this.sink.write(frame));
  }

  /** Runs `action` once every frame queued so far was written (e.g. ending the response). */
  afterQueued(action: () => void): void {
    this.enqueue(action);
  }

  /** Drops every queued frame; used when the connection closed. */
  stop(): void {
    this.stopped = true;
  }

  private enqueue(step: () => Promise<void> | void): void {
    this.tail = this.tail
      .then(async () => {
        if (this.stopped || !this.sink.isOpen()) return;
        await step();
      })
      .catch(() => {
        // A write failed because the client went away; its close handler releases the connection.
        this.stopped = true;
      });
  }

  private async relayEvent(frame: TFrame): Promise<void> {
    const delayMs = this.state.delayMs();
    if (delayMs > 0) {
      await sleep(delayMs);
      if (this.stopped || !this.sink.isOpen()) return;
    }
    await this.sink.write(frame);
    this.forwardedOnConnection += 1;
    this.state.counters.forwardedEventFrames += 1;
    if (this.state.shouldDuplicate(this.forwardedOnConnection)) {
      await this.sink.write(frame);
      this.state.counters.duplicated += 1;
    }
    await this.afterFrame();
  }

  private async afterFrame(): Promise<void> {
    if (this.state.claimMalformed(this.forwardedOnConnection)) await this.sink.writeMalformed();
    if (this.state.claimCut(this.forwardedOnConnection)) {
      this.stopped = true;
      this.sink.cut();
    }
  }
}
