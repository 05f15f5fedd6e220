/**
 * `injectToolCalls`: the tool calls of the root or of one namespace.
 */
import { toolCallsProjection, type ToolCallSnapshot } from "@agent-stream/core";
import { computed, type Signal } from "@angular/core";
import { bindingContext, type InjectOptions } from "./internal/binding-context";
import { registryOf, rootField } from "./internal/root-field";
import { registryProjection } from "./inject-projection";
import { targetNamespaceSignal, type MaybeSignal, type SelectorTarget } from "./selector-target";
import type { StreamSource } from "./stream-handle";

const NO_TOOL_CALLS: readonly ToolCallSnapshot[] = Object.freeze([]);

/**
 * Tool calls at `target` (default: the root) with their status (`running`, `finished`, `error`)
 * and output. At the root it reads the root snapshot and opens nothing; elsewhere it holds a ref-counted scoped projection until
 * the injection context is destroyed. `target` may be a `Signal` or function, moving between the
 * root and scopes in both directions.
 *
 * @example
 * readonly subagent = input.required<SubagentSnapshot>();
 * readonly toolCalls = injectToolCalls(this.stream, this.subagent);
 */
export function injectToolCalls(
  stream: StreamSource<any>,
  target?: MaybeSignal<SelectorTarget>,
  options?: InjectOptions,
): Signal<readonly ToolCallSnapshot[]> {
  const context = bindingContext("injectToolCalls", injectToolCalls, options);
  const namespace = targetNamespaceSignal(target);
  const root = rootField(stream, "toolCalls", context);
  const scoped = registryProjection(
    () => (namespace() === null ? null : registryOf(stream)),
    () => {
      const current = namespace();
      return current === null ? null : toolCallsProjection([...current]);
    },
    context,
  );
  return computed(() => (namespace() === null ? root() : (scoped() ?? NO_TOOL_CALLS)));
}
