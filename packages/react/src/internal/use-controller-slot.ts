/**
 * Controller lifetime shared by `useStream` and `useSuspenseStream`: build, rebuild on a changed
 * rebuild key, activate, follow the `threadId` option.
 */
import {
  ThreadOptionFollower,
  controllerRebuildKey,
  createStreamController,
  forwardCallbacks,
  type StreamCallbacks,
  type StreamController,
  type StreamOptions,
} from "@agent-stream/core";
import { useEffect, useLayoutEffect, useReducer, useRef, useState } from "react";
import { bindMethods, type StreamMethods } from "../stream-handle";

/** Layout effects do not run on the server; React 18 warns when they are used there. */
export const useIsomorphicLayoutEffect = typeof window === "undefined" ? useEffect : useLayoutEffect;

/** One controller and its bound methods, tagged with the rebuild key it was built for. */
export interface ControllerSlot<TState extends Record<string, unknown>, TInterrupt> {
  readonly key: string;
  readonly controller: StreamController<TState, TInterrupt>;
  readonly methods: StreamMethods<TState, TInterrupt>;
}

/**
 * Builds a controller without a thread. Construction then has no side effect (no request, no
 * timer), so a controller built in a render React throws away costs nothing; the thread is bound
 * by an effect once the render commits.
 */
export function createThreadlessController<TState extends Record<string, unknown>, TInterrupt>(
  options: StreamOptions<TState>,
): StreamController<TState, TInterrupt> {
  return createStreamController<TState, TInterrupt>({ ...options, threadId: undefined });
}

function toSlot<TState extends Record<string, unknown>, TInterrupt>(
  key: string,
  controller: StreamController<TState, TInterrupt>,
): ControllerSlot<TState, TInterrupt> {
  return { key, controller, methods: bindMethods(controller) };
}

/** Callbacks that always call the latest options' callbacks, so changing them never rebuilds. */
function useLatestCallbacks(options: StreamCallbacks): StreamCallbacks {
  const latest = useRef(options);
  useIsomorphicLayoutEffect(() => {
    latest.current = options;
  });
  const [callbacks] = useState<StreamCallbacks>(() => forwardCallbacks(() => latest.current));
  return callbacks;
}

/**
 * The component's controller. `adopt` may supply an already hydrating controller for the first
 * render (`useSuspenseStream`); otherwise one is built, and rebuilt whenever the options' rebuild
 * key (server, assistant, transport, ...; compared by value) changes.
 */
export function useControllerSlot<TState extends Record<string, unknown>, TInterrupt>(
  options: StreamOptions<TState>,
  adopt?: (key: string) => StreamController<TState, TInterrupt> | undefined,
): ControllerSlot<TState, TInterrupt> {
  const callbacks = useLatestCallbacks(options);
  const key = controllerRebuildKey(options);
  const [slot, setSlot] = useState(() =>
    toSlot(key, adopt?.(key) ?? createThreadlessController<TState, TInterrupt>(options)),
  );
  let current = slot;
  if (slot.key !== key) {
    // Render-phase update: React re-renders at once with the new slot and discards this pass.
    current = toSlot(key, createThreadlessController<TState, TInterrupt>(options));
    setSlot(current);
  }
  const { controller } = current;
  useThreadBinding(controller, options.threadId);
  useEffect(() => {
    controller.setCallbacks(callbacks);
    return controller.activate();
  }, [controller, callbacks]);
  return current;
}

/**
 * Hydrates the thread the `threadId` option names, when it or the controller changes. With no
 * `threadId` option, a rebuilt controller continues on its predecessor's thread.
 */
function useThreadBinding(controller: StreamController<any, any>, threadId: string | null | undefined): void {
  // The switch resets the root store at once but notifies on the next macrotask; re-rendering
  // from the layout effect keeps the previous thread's content from being painted under the new id.
  const [, renderAgain] = useReducer((count: number) => count + 1, 0);
  const [threads] = useState(() => new ThreadOptionFollower<StreamController<any, any>>());
  useIsomorphicLayoutEffect(() => {
    const target = threads.next(controller, threadId);
    if (target === undefined) return;
    void controller.hydrate(target);
    renderAgain();
  }, [controller, threadId]);
}
