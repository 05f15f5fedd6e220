import type { CommandError, ProtocolErrorCode } from "./types";

/**
 * A command the server answered with a protocol `ErrorResponse`.
 *
 * @example
 * try { await thread.input.respond(...) } catch (error) {
 *   if (error instanceof ProtocolError && error.code === "no_such_run") ...
 * }
 */
export class ProtocolError extends Error {
  override readonly name = "ProtocolError";
  /** The protocol error code, e.g. `invalid_argument`. */
  readonly code: ProtocolErrorCode;
  /** The raw error response. */
  readonly response: CommandError;

  constructor(response: CommandError) {
    super(response.message || `Protocol error: ${response.error}`);
    this.code = response.error;
    this.response = response;
  }
}

/**
 * An HTTP request answered with a non-2xx status; carries the status and the server's message.
 *
 * @example
 * if (error instanceof HttpError && error.status === 404) console.log("thread not found");
 */
export class HttpError extends Error {
  override readonly name = "HttpError";
  constructor(
    readonly status: number,
    readonly serverMessage: string,
    readonly url: string,
  ) {
    super(`HTTP ${status} from ${url}${serverMessage ? `: ${serverMessage}` : ""}`);
  }

  /** Client errors (4xx) other than 408/429 are not worth retrying. */
  get retryable(): boolean {
    return this.status >= 500 || this.status === 408 || this.status === 429;
  }
}

/**
 * Whether `error` is an {@link HttpError} with one of `statuses`.
 *
 * @example
 * if (isHttpError(error, 404)) return null; // the thread does not exist yet
 */
export function isHttpError(error: unknown, ...statuses: number[]): error is HttpError {
  return error instanceof HttpError && statuses.includes(error.status);
}

/**
 * A connection to the server failed or closed unexpectedly.
 *
 * @example
 * if (error instanceof TransportError) showOfflineBanner();
 */
export class TransportError extends Error {
  override readonly name: string = "TransportError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The event stream could not be re-established after the configured number of attempts.
 *
 * @example
 * if (error instanceof ReconnectExhaustedError) console.log(error.attempts, error.cause);
 */
export class ReconnectExhaustedError extends TransportError {
  override readonly name = "ReconnectExhaustedError";
  constructor(
    readonly attempts: number,
    cause: unknown,
  ) {
    super(`Event stream lost; gave up after ${attempts} reconnect attempt(s): ${describeError(cause)}`, {
      cause,
    });
  }
}

/**
 * A frame from the server could not be parsed; it was skipped and reported.
 *
 * @example
 * thread.onError((error) => { if (error instanceof MalformedFrameError) console.warn(error.raw); });
 */
export class MalformedFrameError extends Error {
  override readonly name = "MalformedFrameError";
  constructor(
    readonly raw: string,
    cause?: unknown,
  ) {
    super(`Skipped a malformed frame from the server: ${raw.slice(0, 120)}`, { cause });
  }
}

/**
 * The `ThreadStream` was closed; pending commands and iterators end with this.
 *
 * @example
 * if (error instanceof ThreadClosedError) return; // expected during teardown
 */
export class ThreadClosedError extends Error {
  override readonly name = "ThreadClosedError";
  constructor() {
    super("ThreadStream closed");
  }
}

/** One-line description of any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === "string" ? error : JSON.stringify(error);
}
