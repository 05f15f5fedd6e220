/**
 * A run ended with a root `lifecycle failed`. `message` is the graph's own error message.
 *
 * @example
 * try { await thread.output } catch (error) { if (error instanceof RunFailedError) alert(error.message); }
 */
export class RunFailedError extends Error {
  override readonly name = "RunFailedError";
  constructor(
    message: string,
    /** The error class name the server reported, e.g. `"Error"`. */
    readonly errorName: string | undefined,
    /** The raw `error` text of the lifecycle event. */
    readonly raw: string | undefined,
  ) {
    super(message);
  }
}

/** Builds a `RunFailedError` from a lifecycle `error` field (the JS server double-encodes it). */
export function runFailedErrorFrom(raw: unknown): RunFailedError {
  if (typeof raw !== "string" || raw.length === 0) return new RunFailedError("Run failed", undefined, undefined);
  try {
    const parsed = JSON.parse(raw) as { error?: unknown; message?: unknown };
    if (parsed && typeof parsed === "object" && typeof parsed.message === "string") {
      return new RunFailedError(parsed.message, typeof parsed.error === "string" ? parsed.error : undefined, raw);
    }
  } catch {
    // Not JSON: servers other than the JS one send the bare message.
  }
  return new RunFailedError(raw, undefined, raw);
}
