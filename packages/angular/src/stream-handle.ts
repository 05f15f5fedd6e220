/**
 * The handle `injectStream` returns, and how selector functions reach the controller behind it.
 */
import type {
  StreamActions,
  StreamController,
  StreamDiscovery,
  StreamHandleValues,
} from "@agent-stream/core";
import { isSignal, type Signal } from "@angular/core";

export type { StreamSubmitInput } from "@agent-stream/core";

/**
 * What `injectStream`, `injectStreamContext` and `StreamService` expose. Every field is a
 * read-only `Signal` (call it in templates: `stream.isLoading()`); the methods always act on the
 * current controller.
 *
 * @example
 * readonly stream = injectStream({ assistantId: "agent", apiUrl });
 * // <button [disabled]="stream.isLoading()" (click)="stream.submit({ messages: 'Hi' })">Send</button>
 */
export type StreamHandle<TState extends Record<string, unknown> = Record<string, unknown>, TInterrupt = unknown> = {
  readonly [K in keyof HandleFields<TState, TInterrupt>]: Signal<HandleFields<TState, TInterrupt>[K]>;
} & {
  readonly [K in keyof StreamDiscovery]: Signal<StreamDiscovery[K]>;
} & StreamActions<TState> & {
  /** The core controller (replaced when `assistantId`, `apiUrl`, `apiKey`, ... change). */
  readonly controller: Signal<StreamController<TState, TInterrupt>>;
};

/** The handle's value fields besides the discovery maps (root snapshot and hydration promise). */
type HandleFields<TState, TInterrupt> = Omit<StreamHandleValues<TState, TInterrupt>, keyof StreamDiscovery>;

/**
 * What a selector function accepts as its stream: a handle, a `StreamService`, or a bare controller.
 */
export type StreamSource<TState extends Record<string, unknown> = Record<string, unknown>> =
  | { readonly controller: Signal<StreamController<TState, any>> | StreamController<TState, any> }
  | StreamController<TState, any>;

/** The controller behind `source` (tracked: a computed calling this follows controller rebuilds). */
export function controllerOf<TState extends Record<string, unknown>>(source: StreamSource<TState>): StreamController<TState, any> {
  if (!("controller" in source)) return source;
  const controller = source.controller;
  return isSignal(controller) ? controller() : controller;
}
