/**
 * `setImmediate` for the browser page: the scripted server schedules macrotasks with it, which
 * only Node has. Each call posts one message on a `MessageChannel`, so each callback runs in its
 * own macrotask, in call order, without the clamping of nested `setTimeout`s. Nothing changes in
 * Node (the shim installs itself only where `setImmediate` is missing).
 */

/** Installs the shim (`setImmediate` and `clearImmediate`) when `setImmediate` is missing (idempotent). */
export function installSetImmediateShim(): void {
  if (typeof globalThis.setImmediate === "function") return;
  const channel = new MessageChannel();
  const queue: { run: () => void; cancelled: boolean }[] = [];
  channel.port1.onmessage = () => {
    const task = queue.shift();
    if (task !== undefined && !task.cancelled) task.run();
  };
  const setImmediateShim = (callback: (...args: unknown[]) => void, ...args: unknown[]): unknown => {
    const task = { run: () => callback(...args), cancelled: false };
    queue.push(task);
    channel.port2.postMessage(null);
    return task;
  };
  const clearImmediateShim = (handle: unknown): void => {
    if (handle !== null && typeof handle === "object" && "cancelled" in handle) (handle as { cancelled: boolean }).cancelled = true;
  };
  (globalThis as { setImmediate?: unknown }).setImmediate = setImmediateShim;
  (globalThis as { clearImmediate?: unknown }).clearImmediate = clearImmediateShim;
}
