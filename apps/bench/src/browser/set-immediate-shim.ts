/**
 * `setImmediate` for the browser page: the scripted server schedules macrotasks with it, which
 * only Node has. Each call posts one message on a `MessageChannel`, so each callback runs in its
 * own macrotask, in call order, without the clamping of nested `setTimeout`s. Nothing changes in
 * Node (the shim installs itself only where `setImmediate` is missing).
 */

/** Installs the shim when `setImmediate` is missing (idempotent). */
export function installSetImmediateShim(): void {
  if (typeof globalThis.setImmediate === "function") return;
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => {
    queue.shift()?.();
  };
  const setImmediateShim = (callback: (...args: unknown[]) => void, ...args: unknown[]): unknown => {
    queue.push(() => callback(...args));
    channel.port2.postMessage(null);
    return undefined;
  };
  (globalThis as { setImmediate?: unknown }).setImmediate = setImmediateShim;
}
