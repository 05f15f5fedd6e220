/**
 * `useMessages`: the messages of the root or of one namespace.
 */
import { messagesProjection } from "@agent-stream/core";
import type { BaseMessage } from "@langchain/core/messages";
import { ProjectionValue } from "./internal/projection-value.js";
import { rootField } from "./internal/root-field.js";
import type { ReactiveValue } from "./reactive-value.js";
import { readValue, targetNamespace, type SelectorTarget, type ValueOrGetter } from "./selector-target.js";
import { controllerOf, type StreamSource } from "./stream-handle.js";

/**
 * The conversation at `target` (default: the root), streamed token by token. At the root it reads
 * the root snapshot and opens nothing; elsewhere it holds a ref-counted scoped projection while
 * read. A getter target may move between the root and any namespace.
 *
 * @example
 * const messages = useMessages(stream, () => subagent);
 * // {#each messages.current as message (message.id)}<p>{message.text}</p>{/each}
 */
export function useMessages(stream: StreamSource<any>, target?: ValueOrGetter<SelectorTarget>): ReactiveValue<readonly BaseMessage[]> {
  return new ProjectionValue<readonly BaseMessage[]>(() => {
    const controller = controllerOf(stream);
    const namespace = targetNamespace(readValue(target));
    if (namespace.length === 0) return { value: rootField(controller, "messages") };
    return { registry: controller.registry, spec: messagesProjection([...namespace]) };
  });
}
