/**
 * Fields of a controller's root snapshot, shared by the handle and the root-level selectors.
 */
import type { RootSnapshot, StreamController } from "@agent-stream/core";
import { sharedStoreValue } from "./store-value.js";

/**
 * `controller.rootStore.getSnapshot()[key]`, reactive per field (one shared subscription per
 * controller and field).
 *
 * @example
 * rootField(controller, "messages");
 */
export function rootField<TState extends Record<string, unknown>, K extends keyof RootSnapshot<TState>>(
  controller: StreamController<TState, any>,
  key: K,
): RootSnapshot<TState>[K] {
  return sharedStoreValue(controller.rootStore, key as string, (snapshot: RootSnapshot<TState>) => snapshot[key]).current;
}
