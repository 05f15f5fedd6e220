/**
 * The rule every binding follows for its `threadId` option, written once: which thread a
 * (possibly rebuilt) controller should load.
 */

/** The part of a controller {@link ThreadOptionFollower} reads. */
interface ThreadHolder {
  readonly rootStore: { getSnapshot(): { readonly threadId: string | null } };
}

/**
 * Follows a binding's `threadId` option across option changes and controller rebuilds:
 * - a changed option names the thread to load (`null`: a new thread on the next submit);
 * - without the option, a rebuilt controller continues on its predecessor's thread, and a thread
 *   chosen by `submit(..., { threadId })` stays;
 * - a thread the controller already shows is never loaded again (e.g. the `onThreadId` echo).
 *
 * @example
 * const follower = new ThreadOptionFollower();
 * const target = follower.next(controller, options.threadId);
 * if (target !== undefined) void controller.hydrate(target);
 */
export class ThreadOptionFollower<TController extends ThreadHolder = ThreadHolder> {
  #last: { controller: TController; threadId: string | null | undefined } | undefined;

  /**
   * The thread `controller` should load now that the option is `threadId`, or `undefined` when
   * nothing changes. Call it whenever the controller or the option may have changed.
   */
  next(controller: TController, threadId: string | null | undefined): string | null | undefined {
    const last = this.#last;
    if (last !== undefined && last.controller === controller && last.threadId === threadId) return undefined;
    this.#last = { controller, threadId };
    const rebuilt = last !== undefined && last.controller !== controller;
    const target = threadId !== undefined ? threadId : rebuilt ? last.controller.rootStore.getSnapshot().threadId : undefined;
    if (target === undefined || target === controller.rootStore.getSnapshot().threadId) return undefined;
    return target;
  }
}
