/**
 * Root-scoped projection specs that reuse the controller's root pump.
 */
import type { BaseMessage } from "@langchain/core/messages";
import { namespaceKey } from "../protocol/filter";
import type { Namespace } from "../protocol/types";
import type { ProjectionSpec } from "../store/projection";
import type { ThreadStream } from "../thread/thread-stream";
import type { RootEventBus } from "./root-event-bus";
import type { RootSnapshot, ToolCallSnapshot } from "./types";
import { DEFAULT_MESSAGES_KEY } from "./types";

/** A projection of a controller's registry. */
export type RootProjectionSpec<T, TState = Record<string, unknown>> = ProjectionSpec<
  T,
  ThreadStream<TState>,
  RootEventBus<TState>
>;

function assertRoot(factory: string, namespace: Namespace): void {
  if (namespace.length > 0) {
    throw new Error(
      `${factory}([${namespace.map((segment) => JSON.stringify(segment)).join(", ")}]): only the root namespace [] ` +
        `is supported by this version. Read nested namespaces with thread.subscribe({ channels, namespaces: [namespace] }).`,
    );
  }
}

/** A spec mirroring one field of the root snapshot: no server subscription of its own. */
function rootMirror<T, TState>(
  key: string,
  initial: () => T,
  select: (snapshot: RootSnapshot<TState>) => T,
): RootProjectionSpec<T, TState> {
  return {
    key,
    initial,
    open({ store, shared }) {
      const sync = (): void => store.setValue(select(shared.root.getSnapshot()));
      sync();
      return { dispose: shared.root.subscribe(sync) };
    },
  };
}

/**
 * The root state, from the controller's root pump.
 *
 * @example
 * const { store, release } = controller.registry.acquire(valuesProjection<MyState>([]));
 */
export function valuesProjection<TState = Record<string, unknown>>(
  namespace: Namespace = [],
  messagesKey: string = DEFAULT_MESSAGES_KEY,
): RootProjectionSpec<TState | undefined, TState> {
  assertRoot("valuesProjection", namespace);
  return rootMirror(`values|${messagesKey}|${namespaceKey(namespace)}`, () => undefined, (snapshot) => snapshot.values);
}

/**
 * The root conversation as `BaseMessage` instances, from the controller's root pump.
 *
 * @example
 * const { store } = controller.registry.acquire(messagesProjection([]));
 */
export function messagesProjection<TState = Record<string, unknown>>(
  namespace: Namespace = [],
): RootProjectionSpec<readonly BaseMessage[], TState> {
  assertRoot("messagesProjection", namespace);
  return rootMirror(`messages|${namespaceKey(namespace)}`, () => [], (snapshot) => snapshot.messages);
}

/**
 * Root tool calls, from the controller's root pump.
 *
 * @example
 * const { store } = controller.registry.acquire(toolCallsProjection([]));
 */
export function toolCallsProjection<TState = Record<string, unknown>>(
  namespace: Namespace = [],
): RootProjectionSpec<readonly ToolCallSnapshot[], TState> {
  assertRoot("toolCallsProjection", namespace);
  return rootMirror(`toolCalls|${namespaceKey(namespace)}`, () => [], (snapshot) => snapshot.toolCalls);
}
