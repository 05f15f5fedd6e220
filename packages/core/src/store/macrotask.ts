/** Cancels a callback scheduled with {@link scheduleMacrotask}; calling it twice is harmless. */
export type CancelMacrotask = () => void;

interface QueuedTask {
  readonly run: () => void;
  cancelled: boolean;
}

let channel: MessageChannel | undefined;
const channelQueue: QueuedTask[] = [];

function runNextChannelTask(): void {
  const task = channelQueue.shift();
  if (task !== undefined && !task.cancelled) task.run();
}

function scheduleWithMessageChannel(callback: () => void): CancelMacrotask {
  if (channel === undefined) {
    channel = new MessageChannel();
    channel.port1.onmessage = runNextChannelTask;
    // Node-like runtimes keep the process alive while a port is referenced; the queue must not.
    (channel.port1 as { unref?: () => void }).unref?.();
  }
  const task: QueuedTask = { run: callback, cancelled: false };
  channelQueue.push(task);
  channel.port2.postMessage(null);
  return () => {
    task.cancelled = true;
  };
}

/**
 * Runs `callback` on a later macrotask: after every microtask queued so far (and every microtask
 * those queue) has run, with no minimum delay. Uses `setImmediate` where it exists (Node), else a
 * `MessageChannel` (browsers: no 4 ms clamping), else `setTimeout(0)`. Callbacks run in the order
 * they were scheduled. The globals are looked up on every call so fake timers apply.
 *
 * @example
 * const cancel = scheduleMacrotask(() => console.log("after the current task"));
 * cancel(); // it will not run
 */
export function scheduleMacrotask(callback: () => void): CancelMacrotask {
  // Both halves: a page that polyfills only `setImmediate` must not break cancelling.
  if (typeof globalThis.setImmediate === "function" && typeof globalThis.clearImmediate === "function") {
    const handle = globalThis.setImmediate(callback);
    return () => globalThis.clearImmediate(handle);
  }
  if (typeof globalThis.MessageChannel === "function") {
    return scheduleWithMessageChannel(callback);
  }
  const handle = globalThis.setTimeout(callback, 0);
  return () => globalThis.clearTimeout(handle);
}
