/**
 * Root-namespace specs: on a controller's registry they mirror the controller's root snapshot
 * (no second subscription); on a registry bound straight to a thread they open their own.
 */
import type { RootEventBus } from "../controller/root-event-bus";
import type { RootProjectionSpec } from "../controller/root-projections";
import type { ProjectionRuntime } from "../store/projection";
import type { ScopedContext, ScopedProjectionSpec } from "./types";

/**
 * A spec that delegates to `rootSpec` when the registry shares a controller's root bus, and
 * otherwise runs `openOwn`.
 *
 * @example
 * withRootMirror(key, () => [], () => rootMessagesProjection([]), (context) => openConversation(context));
 */
export function withRootMirror<T>(
  key: string,
  initial: () => T,
  rootSpec: (shared: RootEventBus<unknown>) => RootProjectionSpec<T, unknown>,
  openOwn: (context: ScopedContext<T>) => ProjectionRuntime,
): ScopedProjectionSpec<T> {
  return {
    key,
    initial,
    open(context) {
      const shared = context.shared;
      if (shared === undefined) return openOwn(context);
      // The controller's root bus is shared: mirror its root snapshot instead of subscribing again.
      return rootSpec(shared).open({ ...context, shared } as Parameters<RootProjectionSpec<T, unknown>["open"]>[0]);
    },
  };
}
