/**
 * Message addressing: after `message-start`, a message's events carry no id and are matched
 * to the most recent start on the same `(namespace, node)`.
 */
import { namespaceKey } from "../protocol/filter";
import type { Namespace } from "../protocol/types";

// A control character: cannot appear in graph node names or task ids.
const NODE_SEPARATOR = "\u001e";

/** A string key for `(namespace, node)`. */
export function messageAddress(namespace: Namespace, node: string | undefined): string {
  return namespaceKey(namespace) + NODE_SEPARATOR + (node ?? "");
}
