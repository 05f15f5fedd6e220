import type { HeadlessThread } from "./runner";
import { HeadlessToolRunner } from "./runner";
import type { HeadlessToolsOptions } from "./types";

/**
 * Runs client-side tools for whichever thread a host is bound to (re-attaching on every thread
 * switch). Returns the detach function, or `undefined` when no tools are configured.
 *
 * @example
 * const detach = attachHeadlessTools(controller, { tools });
 * detach?.();
 */
export function attachHeadlessTools(
  host: { subscribeThread(listener: (thread: HeadlessThread | undefined) => void): () => void },
  options: HeadlessToolsOptions,
): (() => void) | undefined {
  if (!options.tools && !options.onTool) return undefined;
  const runner = new HeadlessToolRunner({ tools: options.tools, onTool: options.onTool });
  let detachThread: (() => void) | undefined;
  const stopFollowing = host.subscribeThread((thread) => {
    detachThread?.();
    detachThread = thread ? runner.attach(thread) : undefined;
  });
  return () => {
    stopFollowing();
    detachThread?.();
    runner.dispose();
  };
}
