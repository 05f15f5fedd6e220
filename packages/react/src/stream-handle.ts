/**
 * The handle `useStream` returns, and how selector hooks reach the controller behind it.
 */
import {
  bindStreamActions,
  type RootSnapshot,
  type StreamActions,
  type StreamController,
  type StreamDiscovery,
  type StreamHandleValues,
} from "@agent-stream/core";

export type {
  StreamDiscovery,
  StreamSubmitInput,
  SubagentMap,
  SubagentSnapshot,
  SubgraphByNodeMap,
  SubgraphMap,
} from "@agent-stream/core";

/**
 * What `useStream`, `useSuspenseStream` and `useStreamContext` return: the root snapshot's fields,
 * the imperative methods (stable for the life of the controller) and the controller itself.
 *
 * @example
 * const stream = useStream({ assistantId: "agent", apiUrl });
 * stream.messages.map((message) => message.text);
 */
export interface StreamHandle<TState extends Record<string, unknown> = Record<string, unknown>, TInterrupt = unknown>
  extends StreamHandleValues<TState, TInterrupt>,
    StreamActions<TState> {
  /** The core controller: its `registry` feeds `useProjection`. */
  readonly controller: StreamController<TState, TInterrupt>;
}

/** Anything a selector hook accepts as its stream: a handle, or a bare controller. */
export type StreamSource<TState extends Record<string, unknown> = Record<string, unknown>> =
  | Pick<StreamHandle<TState, unknown>, "controller">
  | StreamController<TState, unknown>;

/** The controller behind a handle (or the controller itself). */
export function controllerOf<TState extends Record<string, unknown>>(
  source: StreamSource<TState>,
): StreamController<TState, unknown> {
  return "controller" in source ? source.controller : source;
}

/** The methods of a handle, bound once per controller so their identity is stable. */
export type StreamMethods<TState extends Record<string, unknown>, TInterrupt> = Pick<
  StreamHandle<TState, TInterrupt>,
  "submit" | "stop" | "disconnect" | "respond" | "respondAll" | "getThread" | "controller"
>;

/** Binds the handle's methods to `controller`. */
export function bindMethods<TState extends Record<string, unknown>, TInterrupt>(
  controller: StreamController<TState, TInterrupt>,
): StreamMethods<TState, TInterrupt> {
  return { ...bindStreamActions(() => controller), controller };
}

/** Builds a handle from the snapshots and the bound methods. */
export function toHandle<TState extends Record<string, unknown>, TInterrupt>(
  snapshot: RootSnapshot<TState, TInterrupt>,
  discovery: StreamDiscovery,
  methods: StreamMethods<TState, TInterrupt>,
): StreamHandle<TState, TInterrupt> {
  return { ...snapshot, ...discovery, ...methods, hydrationPromise: methods.controller.hydrationPromise };
}
