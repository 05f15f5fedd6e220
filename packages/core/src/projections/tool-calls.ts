/**
 * Tool executions of any namespace: `toolCallsProjection`.
 */
import { toolCallsProjection as rootToolCallsProjection } from "../controller/root-projections";
import { RootToolCalls } from "../controller/root-tool-calls";
import type { ToolCallSnapshot } from "../controller/types";
import type { Namespace } from "../protocol/types";
import { isDirectChild, scopeKey } from "./namespace";
import { withRootMirror } from "./root-delegation";
import { BatchedFlush, openScopedSubscription } from "./runtime";
import type { ScopedContext, ScopedProjectionSpec } from "./types";

const EMPTY_TOOL_CALLS: readonly ToolCallSnapshot[] = Object.freeze([]);

function openToolCalls(context: ScopedContext<readonly ToolCallSnapshot[]>, namespace: Namespace) {
  const flush = new BatchedFlush(() => context.store.setValue(toolCalls.flush()));
  const toolCalls = new RootToolCalls(() => flush.request());
  const stop = openScopedSubscription(
    context,
    { channels: ["tools"], namespaces: [namespace], depth: 1 },
    {
      onEvent(event) {
        // The namespace's own tool nodes run one level down; an event at the namespace itself is
        // the `task` call that started a subagent there, which belongs to the caller.
        if (isDirectChild(namespace, event.params.namespace)) toolCalls.handleToolEvent(event);
      },
      onEnd: () => flush.runNow(),
    },
  );
  return {
    dispose() {
      stop();
      flush.cancel();
    },
  };
}

/**
 * Tool executions of a namespace's own tool nodes (one level down), oldest first. Unchanged calls
 * keep their snapshot object; the array is copied once per flush.
 *
 * At the root namespace `[]` on a controller's registry it mirrors `rootStore.toolCalls`.
 *
 * @example
 * const { store } = controller.registry.acquire(toolCallsProjection(subagent.namespace));
 */
export function toolCallsProjection(namespace: Namespace = []): ScopedProjectionSpec<readonly ToolCallSnapshot[]> {
  const key = `toolCalls|${scopeKey(namespace)}`;
  const initial = (): readonly ToolCallSnapshot[] => EMPTY_TOOL_CALLS;
  const openOwn = (context: ScopedContext<readonly ToolCallSnapshot[]>) => openToolCalls(context, namespace);
  if (namespace.length > 0) return { key, initial, open: openOwn };
  return withRootMirror(key, initial, () => rootToolCallsProjection([]), openOwn);
}
