/**
 * The fault plan of the fault-injecting proxy and the shared runtime state that
 * applies it: remaining cuts, the one-shot malformed frame, injected open failures,
 * counters and the set of streams currently open through the proxy.
 */

/**
 * Faults the proxy applies. Every field is optional; an empty plan forwards untouched.
 * Counts are of protocol event frames (SSE frames with data, WebSocket `{"type":"event"}` frames);
 * comments and command responses pass through uncounted, in order.
 *
 * @example
 * // first stream dies after 5 events, the second gets 1 malformed frame after 3, all duplicated
 * proxy.setFaults({ cutAfterFrames: 5, malformedAfterFrames: 3, duplicateFrames: true });
 */
export interface FaultPlan {
  /** After forwarding this many event frames on one connection, destroy that client connection. */
  cutAfterFrames?: number;
  /** How many connections get cut (default 1), so a reconnecting client eventually gets through. */
  cutTimes?: number;
  /** Send every event frame twice (`true`) or every n-th event frame twice (a number). */
  duplicateFrames?: boolean | number;
  /** Delay each event frame by this many milliseconds, preserving order. */
  delayMs?: number;
  /** After this many event frames on a connection, inject one malformed frame (once per plan). */
  malformedAfterFrames?: number;
  /** Answer the next `count` SSE stream opens or WebSocket upgrades with `status`, without contacting the target. */
  failNextStreamOpens?: { count: number; status: number };
  /**
   * Answer the next `count` plain HTTP requests (not stream opens) whose path ends with `path`
   * (e.g. `"/commands"`, `"/state"`, `"/history"`) with `status`, without contacting the target.
   */
  failNextRequests?: { count: number; status: number; path: string };
  /**
   * Act as an authenticating gateway: any request or WebSocket upgrade whose `x-api-key` header is
   * not this value is answered 401 without contacting the target.
   */
  requireApiKey?: string;
}

/**
 * Counters of what the proxy saw and did since it started.
 *
 * @example
 * expect(proxy.stats()).toMatchObject({ cuts: 1, streamOpens: 2, openStreams: 0 });
 */
export interface FaultProxyStats {
  /** SSE stream-open requests received (`POST …/stream/events`), including failed ones. */
  streamOpens: number;
  /** WebSocket upgrade requests received, including failed ones. */
  wsUpgrades: number;
  /** Stream opens, upgrades and requests answered with an injected error status. */
  injectedFailures: number;
  /** Client connections destroyed by `cutAfterFrames`. */
  cuts: number;
  /** Malformed frames injected. */
  injectedMalformed: number;
  /** Extra copies of event frames sent. */
  duplicated: number;
  /** Requests and upgrades refused by `requireApiKey`. */
  unauthorized: number;
  /** Event frames forwarded to clients (each original frame counted once). */
  forwardedEventFrames: number;
  /** SSE responses plus WebSocket client sockets currently open through the proxy. */
  openStreams: number;
}

/** A stream open through the proxy (an SSE response or a WebSocket client socket). */
export interface OpenStream {
  /** Destroys the client side and the upstream side at once. */
  destroy(): void;
}

type MutableCounters = Omit<FaultProxyStats, "openStreams">;

/**
 * Shared, runtime-changeable fault state of one proxy. Connections consult it per frame,
 * so `setPlan` takes effect on streams that are already open.
 */
export class FaultState {
  private plan: FaultPlan = {};
  private cutsRemaining = 0;
  private malformedPending = false;
  private failuresRemaining = 0;
  private requestFailuresRemaining = 0;
  private readonly openStreams = new Set<OpenStream>();
  private readonly openStreamListeners = new Set<() => void>();
  readonly counters: MutableCounters = {
    streamOpens: 0,
    wsUpgrades: 0,
    injectedFailures: 0,
    cuts: 0,
    injectedMalformed: 0,
    duplicated: 0,
    unauthorized: 0,
    forwardedEventFrames: 0,
  };

  constructor(plan: FaultPlan = {}) {
    this.setPlan(plan);
  }

  /** Replaces the plan and re-arms its one-shot parts (cut budget, malformed frame, open failures). */
  setPlan(plan: FaultPlan): void {
    validatePlan(plan);
    this.plan = { ...plan };
    this.cutsRemaining = plan.cutAfterFrames === undefined ? 0 : (plan.cutTimes ?? 1);
    this.malformedPending = plan.malformedAfterFrames !== undefined;
    this.failuresRemaining = plan.failNextStreamOpens?.count ?? 0;
    this.requestFailuresRemaining = plan.failNextRequests?.count ?? 0;
  }

  /** The delay to apply before the next event frame, in milliseconds. */
  delayMs(): number {
    return this.plan.delayMs ?? 0;
  }

  /** Whether the event frame with this 1-based per-connection index is sent twice. */
  shouldDuplicate(frameIndex: number): boolean {
    const duplicate = this.plan.duplicateFrames;
    if (duplicate === true) return true;
    if (typeof duplicate === "number" && duplicate > 0) return frameIndex % duplicate === 0;
    return false;
  }

  /** Claims the one-shot malformed frame when `forwardedOnConnection` reached the plan's threshold. */
  claimMalformed(forwardedOnConnection: number): boolean {
    const threshold = this.plan.malformedAfterFrames;
    if (!this.malformedPending || threshold === undefined || forwardedOnConnection < threshold) return false;
    this.malformedPending = false;
    this.counters.injectedMalformed += 1;
    return true;
  }

  /** Claims one cut when `forwardedOnConnection` reached the plan's threshold and cuts remain. */
  claimCut(forwardedOnConnection: number): boolean {
    const threshold = this.plan.cutAfterFrames;
    if (threshold === undefined || this.cutsRemaining <= 0 || forwardedOnConnection < threshold) return false;
    this.cutsRemaining -= 1;
    this.counters.cuts += 1;
    return true;
  }

  /** Claims one injected open failure; returns the status to answer with, or undefined to proceed. */
  claimOpenFailure(): number | undefined {
    const failure = this.plan.failNextStreamOpens;
    if (failure === undefined || this.failuresRemaining <= 0) return undefined;
    this.failuresRemaining -= 1;
    this.counters.injectedFailures += 1;
    return failure.status;
  }

  /** Whether `requireApiKey` refuses a request or upgrade with these headers (counted when it does). */
  refusesCredentials(headers: Readonly<Record<string, string | string[] | undefined>>): boolean {
    const required = this.plan.requireApiKey;
    if (required === undefined || headers["x-api-key"] === required) return false;
    this.counters.unauthorized += 1;
    return true;
  }

  /** Claims one injected failure for a plain request to `pathname`; the status to answer with, or undefined to proceed. */
  claimRequestFailure(pathname: string): number | undefined {
    const failure = this.plan.failNextRequests;
    if (failure === undefined || this.requestFailuresRemaining <= 0) return undefined;
    if (!pathname.replace(/\/$/, "").endsWith(failure.path)) return undefined;
    this.requestFailuresRemaining -= 1;
    this.counters.injectedFailures += 1;
    return failure.status;
  }

  /** Registers an open stream; the returned function unregisters it (idempotent). */
  trackOpenStream(stream: OpenStream): () => void {
    this.openStreams.add(stream);
    this.notifyOpenStreams();
    return () => {
      if (this.openStreams.delete(stream)) this.notifyOpenStreams();
    };
  }

  /** Destroys every open stream (used by `close()`). */
  destroyOpenStreams(): void {
    for (const stream of [...this.openStreams]) stream.destroy();
  }

  /** A snapshot of the counters. */
  stats(): FaultProxyStats {
    return { ...this.counters, openStreams: this.openStreams.size };
  }

  /** Resolves once exactly `count` streams are open; rejects after `timeoutMs`. */
  waitForOpenStreams(count: number, timeoutMs: number): Promise<void> {
    if (this.openStreams.size === count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.openStreams.size !== count) return;
        clearTimeout(timer);
        this.openStreamListeners.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.openStreamListeners.delete(check);
        reject(
          new Error(
            `Timed out after ${timeoutMs} ms waiting for ${count} open stream(s); ${this.openStreams.size} open.`,
          ),
        );
      }, timeoutMs);
      this.openStreamListeners.add(check);
    });
  }

  private notifyOpenStreams(): void {
    for (const listener of [...this.openStreamListeners]) listener();
  }
}

function validatePlan(plan: FaultPlan): void {
  const counts: Array<[string, number | undefined]> = [
    ["cutAfterFrames", plan.cutAfterFrames],
    ["cutTimes", plan.cutTimes],
    ["delayMs", plan.delayMs],
    ["malformedAfterFrames", plan.malformedAfterFrames],
    ["failNextStreamOpens.count", plan.failNextStreamOpens?.count],
    ["failNextRequests.count", plan.failNextRequests?.count],
  ];
  for (const [name, value] of counts) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      throw new TypeError(`FaultPlan.${name} must be a non-negative integer, got ${String(value)}.`);
    }
  }
  for (const [name, status] of [
    ["failNextStreamOpens", plan.failNextStreamOpens?.status],
    ["failNextRequests", plan.failNextRequests?.status],
  ] as const) {
    if (status !== undefined && !(Number.isInteger(status) && status >= 400 && status <= 599)) {
      throw new TypeError(`FaultPlan.${name}.status must be an HTTP error status (400-599), got ${status}.`);
    }
  }
}
