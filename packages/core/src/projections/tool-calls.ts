/**
 * Tool executions of any namespace: `toolCallsProjection`.
 */
import { toolCallsProjection as rootToolCallsProjection } from "../controller/root-projections";
import { coerceMessages } from "../assembly/values-messages";
import { RootToolCalls, toolCallsFromMessages } from "../controller/root-tool-calls";
import type { ToolCallSnapshot } from "../controller/types";
import type { Namespace } from "../protocol/types";
import { isDirectChild } from "./namespace";
import { withRootMirror } from "./root-delegation";
import { seedFromHistory } from "./history-seed";
import { conversationKey, resolveScopeOptions, type ConversationProjectionOptions } from "./messages";
import { BatchedFlush, openScopedSubscription } from "./runtime";
import type { ScopedContext, ScopedProjectionSpec } from "./types";

const EMPTY_TOOL_CALLS: readonly ToolCallSnapshot[] = Object.freeze([]);

function openToolCalls(
  context: ScopedContext<readonly ToolCallSnapshot[]>,
  namespace: Namespace,
  options: ConversationProjectionOptions,
) {
  let sawToolEvent = false;
  const { messagesKey, history } = resolveScopeOptions(context, options);
  const flush = new BatchedFlush(() => context.store.setValue(toolCalls.flush()), context.scheduler);
  const toolCalls = new RootToolCalls(() => flush.request());
  const stop = openScopedSubscription(
    context,
    { channels: ["tools"], namespaces: [namespace], depth: 1 },
    {
      onEvent(event) {
        // The namespace's own tool nodes run one level down; an event at the namespace itself is
        // the `task` call that started a subagent there, which belongs to the caller.
        if (!isDirectChild(namespace, event.params.namespace)) return;
        sawToolEvent = true;
        toolCalls.handleToolEvent(event);
      },
      onEnd: () => flush.runNow(),
    },
  );
  if (history !== undefined) {
    // A thread at rest: the calls its stored conversation made and answered.
    seedFromHistory(context, history, namespace, () => sawToolEvent, (values) => {
      const messages = values[messagesKey];
      if (Array.isArray(messages)) toolCalls.seed(toolCallsFromMessages(coerceMessages(messages)));
    });
  }
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
export function toolCallsProjection(
  namespace: Namespace = [],
  options: ConversationProjectionOptions = {},
): ScopedProjectionSpec<readonly ToolCallSnapshot[]> {
  const key = conversationKey("toolCalls", namespace, options);
  const initial = (): readonly ToolCallSnapshot[] => EMPTY_TOOL_CALLS;
  const openOwn = (context: ScopedContext<readonly ToolCallSnapshot[]>) => openToolCalls(context, namespace, options);
  if (namespace.length > 0) return { key, initial, open: openOwn, needsConnection: true };
  return withRootMirror(key, initial, () => rootToolCallsProjection([]), openOwn);
}
