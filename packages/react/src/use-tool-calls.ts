"use client";
/**
 * `useToolCalls`: the tool calls of the root or of one namespace.
 */
import { toolCallsProjection, type ToolCallSnapshot } from "@agent-stream/core";
import { useRootField } from "./internal/use-root-field";
import { scopedSpec, type SelectorTarget } from "./selector-target";
import { controllerOf, type StreamSource } from "./stream-handle";
import { useRegistryProjection, type StreamRegistry } from "./use-projection";

const NO_TOOL_CALLS: readonly ToolCallSnapshot[] = Object.freeze([]);

/**
 * Tool calls at `target` (default: the root) with their status (`running`, `finished`, `error`)
 * and output. At the root it reads the root snapshot and opens nothing.
 *
 * @example
 * const toolCalls = useToolCalls(stream);
 * toolCalls.map((call) => `${call.name}: ${call.status}`);
 */
export function useToolCalls(stream: StreamSource<any>, target?: SelectorTarget): readonly ToolCallSnapshot[] {
  const root = useRootField(stream, "toolCalls");
  const spec = scopedSpec(target, (namespace) => toolCallsProjection([...namespace]));
  const registry = spec === null ? null : (controllerOf(stream).registry as StreamRegistry);
  const scoped = useRegistryProjection(registry, spec);
  return spec === null ? root : (scoped ?? NO_TOOL_CALLS);
}
