/**
 * `useToolCalls`: the tool calls of the root or of one namespace.
 */
import { toolCallsProjection, type ToolCallSnapshot } from "@agent-stream/core";
import { computed, type ComputedRef, type MaybeRefOrGetter } from "vue";
import { registryOf, useRootField } from "./internal/use-root-field";
import { useTargetNamespace, type SelectorTarget } from "./selector-target";
import type { StreamSource } from "./stream-handle";
import { useRegistryProjection } from "./use-projection";

const NO_TOOL_CALLS: readonly ToolCallSnapshot[] = Object.freeze([]);

/**
 * Tool calls at `target` (default: the root) with their status (`running`, `finished`, `error`)
 * and output. At the root it reads the root snapshot and opens nothing. `target` may be a ref or
 * getter.
 *
 * @example
 * const toolCalls = useToolCalls(stream);
 * // <li v-for="call in toolCalls" :key="call.id">{{ call.name }}: {{ call.status }}</li>
 */
export function useToolCalls(stream: StreamSource<any>, target?: MaybeRefOrGetter<SelectorTarget>): ComputedRef<readonly ToolCallSnapshot[]> {
  const namespace = useTargetNamespace(target);
  const root = useRootField(stream, "toolCalls");
  const scoped = useRegistryProjection(
    () => (namespace.value === null ? null : registryOf(stream)),
    () => (namespace.value === null ? null : toolCallsProjection([...namespace.value])),
  );
  return computed(() => (namespace.value === null ? root.value : (scoped.value ?? NO_TOOL_CALLS)));
}
