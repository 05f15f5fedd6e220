/**
 * Namespace rules shared by the scoped projections and discovery.
 */
import { namespaceMatches } from "../protocol/filter";
import type { Namespace } from "../protocol/types";

/**
 * Whether `candidate` is exactly `scope` (a scope segment without `:<id>` matches any id).
 *
 * @example
 * isSameScope(["research"], ["research:1"]); // true
 */
export function isSameScope(scope: Namespace, candidate: Namespace): boolean {
  return candidate.length === scope.length && namespaceMatches(scope, candidate, 0);
}

/**
 * Whether `candidate` is a direct child of `scope` (one segment deeper).
 *
 * @example
 * isDirectChild([], ["model:1"]); // true
 */
export function isDirectChild(scope: Namespace, candidate: Namespace): boolean {
  return candidate.length === scope.length + 1 && namespaceMatches(scope, candidate, 1);
}

/**
 * Whether a segment names a tool execution or a subagent task (`tools:<id>`, `task:<id>`): their
 * messages belong to the tool or the subagent, not to the graph that called it.
 *
 * @example
 * isWorkerSegment("tools:1"); // true
 */
export function isWorkerSegment(segment: string | undefined): boolean {
  return segment !== undefined && (segment.startsWith("tools:") || segment.startsWith("task:"));
}

/**
 * Whether messages streamed at `candidate` belong to the conversation of `scope`: the scope itself
 * or one of its own nodes (a direct child that is not a tool execution or subagent).
 *
 * @example
 * isConversationNamespace(["tools:1"], ["tools:1", "model_request:2"]); // true
 */
export function isConversationNamespace(scope: Namespace, candidate: Namespace): boolean {
  if (isSameScope(scope, candidate)) return true;
  return isDirectChild(scope, candidate) && !isWorkerSegment(candidate[candidate.length - 1]);
}

/**
 * The checkpoint namespace LangGraph uses for `namespace` (segments joined with `|`).
 *
 * @example
 * checkpointNamespace(["research:1", "researcher:2"]); // "research:1|researcher:2"
 */
export function checkpointNamespace(namespace: Namespace): string {
  return namespace.join("|");
}

/**
 * The namespace of a LangGraph checkpoint namespace (`"a:1|b:2"` → `["a:1", "b:2"]`).
 *
 * @example
 * namespaceFromCheckpoint(""); // []
 */
export function namespaceFromCheckpoint(checkpointNs: string): string[] {
  return checkpointNs === "" ? [] : checkpointNs.split("|");
}

