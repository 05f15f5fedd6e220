/**
 * `provideStream` and `injectStreamContext`: one stream shared by a component subtree.
 */
import { inject, InjectionToken, type FactoryProvider } from "@angular/core";
import type { InjectStreamOptions } from "./internal/inject-controller";
import { injectStream, noSharedStream } from "./inject-stream";
import type { StreamHandle } from "./stream-handle";

/**
 * Where `provideStream` puts its handle. Provide any handle under it yourself (a `StreamService`,
 * a test double) and `injectStreamContext()` finds it.
 *
 * @example
 * providers: [{ provide: STREAM_INSTANCE, useExisting: ChatStream }]
 */
export const STREAM_INSTANCE = new InjectionToken<StreamHandle<any, any>>("@agent-stream/angular/stream");

/**
 * A provider that runs `injectStream(options)` in the providing injector (a component's providers:
 * one stream per component instance, closed with it) and shares it with everything below.
 *
 * @example
 * \@Component({ providers: [provideStream({ assistantId: "agent", apiUrl: "http://localhost:2024" })], ... })
 * export class ChatRoot { readonly stream = injectStreamContext(); }
 */
export function provideStream<TState extends Record<string, unknown> = Record<string, unknown>>(
  options: InjectStreamOptions<TState>,
): FactoryProvider {
  return {
    provide: STREAM_INSTANCE,
    // Runs in the providing injector's injection context: the stream closes with that injector.
    useFactory: () => injectStream(options),
  };
}

/**
 * The stream of the nearest `provideStream` (or `STREAM_INSTANCE` provider). Throws when there is none.
 *
 * @example
 * readonly stream = injectStreamContext<ChatState>();
 */
export function injectStreamContext<TState extends Record<string, unknown> = Record<string, unknown>, TInterrupt = unknown>(): StreamHandle<
  TState,
  TInterrupt
> {
  const stream = inject(STREAM_INSTANCE, { optional: true });
  if (stream === null) throw new Error(noSharedStream("injectStreamContext"));
  return stream as StreamHandle<TState, TInterrupt>;
}
