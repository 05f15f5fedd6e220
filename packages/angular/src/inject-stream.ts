/**
 * `injectStream`: one agent-server thread as Angular signals.
 */
import { bindStreamActions, type RootSnapshot } from "@agent-stream/core";
import { computed, type Signal } from "@angular/core";
import { STREAM_INSTANCE } from "./context";
import { bindingContext } from "./internal/binding-context";
import { injectController, type InjectStreamOptions } from "./internal/inject-controller";
import { storeSignal } from "./internal/store-signal";
import type { StreamHandle } from "./stream-handle";

export type { InjectStreamOptions } from "./internal/inject-controller";

/**
 * Streams one thread of an agent server. Every field is a read-only `Signal` updated at most once
 * per macrotask while tokens stream; a field's signal changes only when that field does.
 *
 * `threadId`, `assistantId`, `apiUrl`, `apiKey`, `headers`, `client` and `transport` may be
 * `Signal`s (an `input()`, a `toSignal` of the route) or functions: a new `threadId` switches
 * threads (`null`: a new thread on the next submit); the others build a new controller (the core
 * decides, by value). Missing `apiUrl`/`apiKey`/`client` come from `provideStreamDefaults`.
 *
 * Call it in an injection context (constructor or field initializer) or pass `{ injector }`: the
 * stream closes when that context is destroyed. While a thread loads it holds a `PendingTasks`
 * entry, so server-side rendering waits for the thread. Without arguments it returns the stream
 * of the nearest `provideStream`.
 *
 * @example
 * export class Chat {
 *   readonly threadId = input<string | null>(null);
 *   readonly stream = injectStream({ assistantId: "agent", apiUrl: "http://localhost:2024", threadId: this.threadId });
 * }
 * // <button [disabled]="stream.isLoading()" (click)="stream.submit({ messages: 'Hello' })">Send</button>
 */
export function injectStream<TState extends Record<string, unknown> = Record<string, unknown>, TInterrupt = unknown>(
  options?: InjectStreamOptions<TState>,
): StreamHandle<TState, TInterrupt> {
  const context = bindingContext("injectStream", injectStream, options);
  if (options === undefined) {
    const shared = context.injector.get(STREAM_INSTANCE, null);
    if (shared === null) throw new Error(noSharedStream("injectStream"));
    return shared as StreamHandle<TState, TInterrupt>;
  }
  const slot = injectController<TState, TInterrupt>(options, context);
  const root = storeSignal(() => slot.controller().rootStore, context, slot.version);
  const field = <K extends keyof RootSnapshot<TState, TInterrupt>>(key: K): Signal<RootSnapshot<TState, TInterrupt>[K]> =>
    computed(() => root()[key]);
  return {
    values: field("values"),
    messages: field("messages"),
    toolCalls: field("toolCalls"),
    interrupts: field("interrupts"),
    interrupt: field("interrupt"),
    isLoading: field("isLoading"),
    isThreadLoading: field("isThreadLoading"),
    error: field("error"),
    threadId: field("threadId"),
    // A new promise per thread; the version changes with every switch and every settle.
    hydrationPromise: computed(() => {
      slot.version();
      return slot.controller().hydrationPromise;
    }),
    subagents: storeSignal(() => slot.controller().subagentStore, context),
    subgraphs: storeSignal(() => slot.controller().subgraphStore, context),
    subgraphsByNode: storeSignal(() => slot.controller().subgraphByNodeStore, context),
    ...bindStreamActions(slot.current),
    controller: slot.controller,
  };
}

/** The message thrown when there is no shared stream to inject. */
export function noSharedStream(name: string): string {
  return (
    `${name}() found no stream: add provideStream({ assistantId, apiUrl }) to the providers of an ancestor ` +
    "component (or the application), or pass options to injectStream(...)."
  );
}

