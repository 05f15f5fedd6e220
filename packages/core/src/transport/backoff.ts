/** Reconnect policy for event streams. */
export interface ReconnectOptions {
  /** Attempts per outage before giving up; `0` disables reconnecting. Default 5. */
  maxAttempts?: number;
  /** Delay before attempt `attempt` (1-based). Default: exponential from 250 ms, capped at 5 s, plus jitter. */
  delayMs?: (attempt: number) => number;
}

/** Default delay: 250 ms · 2^(attempt-1), capped at 5 s, plus up to 50% random jitter. */
export function defaultReconnectDelay(attempt: number): number {
  const base = Math.min(250 * 2 ** (attempt - 1), 5000);
  return base + Math.random() * base * 0.5;
}

export const DEFAULT_MAX_RECONNECT_ATTEMPTS = 5;
