/**
 * `useStream`: one agent-server thread as Vue refs.
 */
import { bindStreamActions, type RootSnapshot } from "@agent-stream/core";
import { computed, getCurrentScope, type ComputedRef } from "vue";
import { assertEffectScope, useController, type UseStreamOptions } from "./internal/use-controller";
import { bindStore, useStoreRef } from "./internal/store-ref";
import type { StreamHandle } from "./stream-handle";

export type { UseStreamOptions } from "./internal/use-controller";

/**
 * Streams one thread of an agent server. Every field is a read-only ref updated at most once per
 * macrotask while tokens stream; a field's ref triggers only when that field changes. Once
 * `hydrationPromise.value` settles, the refs show the loaded thread (`await` it in an async setup
 * under `<Suspense>`).
 *
 * `threadId`, `assistantId`, `apiUrl`, `apiKey`, `headers`, `client` and `transport` may be refs or
 * getters, and every change applies at once: a new `threadId` switches threads (`null`: a new
 * thread on the next submit); the others build a new controller (the core decides, by value).
 * Missing `apiUrl`/`apiKey`/`client` come from `AgentStreamPlugin`.
 *
 * Call it in `setup()`, a Pinia setup store, or `effectScope().run()`: the stream closes when that
 * scope is disposed (the component unmounts, the store or scope is stopped).
 *
 * @example
 * const threadId = ref<string | null>(null);
 * const { messages, isLoading, submit } = useStream({
 *   assistantId: "agent",
 *   apiUrl: "http://localhost:2024",
 *   threadId,
 *   onThreadId: (id) => (threadId.value = id),
 * });
 * // <button :disabled="isLoading" @click="submit({ messages: 'Hello' })">Send</button>
 */
export function useStream<TState extends Record<string, unknown> = Record<string, unknown>, TInterrupt = unknown>(
  options: UseStreamOptions<TState>,
): StreamHandle<TState, TInterrupt> {
  assertEffectScope(getCurrentScope() !== undefined, "useStream");
  // A thread switch resets the root store at once but notifies later: show the reset right away.
  const controller = useController<TState, TInterrupt>(options, () => root.refresh());
  const root = bindStore(() => controller.value.rootStore);
  const refreshed = new WeakSet<Promise<void>>();
  const field = <K extends keyof RootSnapshot<TState, TInterrupt>>(key: K): ComputedRef<RootSnapshot<TState, TInterrupt>[K]> =>
    computed(() => root.state.value[key]);
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
    hydrationPromise: computed(() => {
      // The controller installs a new promise per thread; the snapshot changes with every switch.
      void root.state.value;
      const promise = controller.value.hydrationPromise;
      if (!refreshed.has(promise)) {
        // Registered before any awaiter's: code after `await hydrationPromise.value` reads the loaded thread.
        refreshed.add(promise);
        promise.then(root.refresh, root.refresh);
      }
      return promise;
    }),
    subagents: useStoreRef(() => controller.value.subagentStore),
    subgraphs: useStoreRef(() => controller.value.subgraphStore),
    subgraphsByNode: useStoreRef(() => controller.value.subgraphByNodeStore),
    ...bindStreamActions(() => controller.value),
    controller,
  };
}
