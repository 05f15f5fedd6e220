/**
 * The handle `useStream` returns, and how selector composables reach the controller behind it.
 */
import type {
  StreamActions,
  StreamController,
  StreamDiscovery,
  StreamHandleValues,
} from "@agent-stream/core";
import { isRef, type ComputedRef, type ShallowRef } from "vue";

export type { StreamSubmitInput } from "@agent-stream/core";

/**
 * What `useStream`, `provideStream` and `useStreamContext` return. Every field is a read-only ref
 * (use `.value` in script); the methods always act on the current controller.
 *
 * In templates Vue unwraps only top-level refs: destructure the fields you render
 * (`const { messages, isLoading, submit } = useStream(...)`), or wrap the handle in `reactive()`
 * (`const stream = reactive(useStream(...))`, then `stream.isLoading` is a boolean everywhere).
 * On the bare handle, `:disabled="stream.isLoading"` binds the ref object itself (always truthy).
 *
 * @example
 * const stream = useStream({ assistantId: "agent", apiUrl });
 * watch(stream.messages, (messages) => console.log(messages.length));
 */
export type StreamHandle<TState extends Record<string, unknown> = Record<string, unknown>, TInterrupt = unknown> = {
  readonly [K in keyof HandleFields<TState, TInterrupt>]: ComputedRef<HandleFields<TState, TInterrupt>[K]>;
} & {
  readonly [K in keyof StreamDiscovery]: Readonly<ShallowRef<StreamDiscovery[K]>>;
} & StreamActions<TState> & {
  /** The core controller (replaced when `assistantId`, `apiUrl`, `apiKey`, ... change). */
  readonly controller: Readonly<ShallowRef<StreamController<TState, TInterrupt>>>;
};

/** The handle's value fields besides the discovery maps (root snapshot and hydration promise). */
type HandleFields<TState, TInterrupt> = Omit<StreamHandleValues<TState, TInterrupt>, keyof StreamDiscovery>;

/**
 * What a selector composable accepts as its stream: a handle, a handle wrapped in `reactive()`,
 * or a bare controller.
 */
export type StreamSource<TState extends Record<string, unknown> = Record<string, unknown>> =
  | { readonly controller: Readonly<ShallowRef<StreamController<TState, any>>> | StreamController<TState, any> }
  | StreamController<TState, any>;

/**
 * The controller behind `source`. Reads the handle's `controller` ref, so a watcher or computed
 * calling this follows controller rebuilds.
 */
export function controllerOf<TState extends Record<string, unknown>>(source: StreamSource<TState>): StreamController<TState, any> {
  if (!("controller" in source)) return source;
  const controller = source.controller;
  return isRef(controller) ? controller.value : controller;
}
