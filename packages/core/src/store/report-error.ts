/**
 * Reports an error nobody can handle synchronously without interrupting the caller: through the
 * host's `reportError` (browsers: console plus a window `error` event), else by rethrowing it on a
 * microtask (Node: an uncaught exception, like a throwing `EventEmitter` listener).
 *
 * @example
 * try { listener(); } catch (error) { reportUncaughtError(error); }
 */
export function reportUncaughtError(error: unknown): void {
  const hostReport = (globalThis as { reportError?: (error: unknown) => void }).reportError;
  if (typeof hostReport === "function") {
    hostReport(error);
    return;
  }
  queueMicrotask(() => {
    throw error;
  });
}
