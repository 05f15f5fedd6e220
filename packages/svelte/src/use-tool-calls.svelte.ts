/**
 * `useToolCalls`: the tool calls of the root or of one namespace.
 */
import { toolCallsProjection, type ToolCallSnapshot } from "@agent-stream/core";
import { ProjectionValue } from "./internal/projection-value.js";
import { rootField } from "./internal/root-field.js";
import type { ReactiveValue } from "./reactive-value.js";
import { readValue, targetNamespace, type SelectorTarget, type ValueOrGetter } from "./selector-target.js";
import { controllerOf, type StreamSource } from "./stream-handle.js";

/**
 * Tool calls at `target` (default: the root) with their status (`running`, `finished`, `error`)
 * and output. At the root it reads the root snapshot and opens nothing.
 *
 * @example
 * const toolCalls = useToolCalls(stream, () => subagent);
 * // {#each toolCalls.current as call (call.id)}<li>{call.name}: {call.status}</li>{/each}
 */
export function useToolCalls(
  stream: StreamSource<any>,
  target?: ValueOrGetter<SelectorTarget>,
): ReactiveValue<readonly ToolCallSnapshot[]> {
  return new ProjectionValue<readonly ToolCallSnapshot[]>(() => {
    const controller = controllerOf(stream);
    const namespace = targetNamespace(readValue(target));
    if (namespace.length === 0) return { value: rootField(controller, "toolCalls") };
    return { registry: controller.registry, spec: toolCallsProjection([...namespace]) };
  });
}
