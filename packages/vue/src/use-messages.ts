/**
 * `useMessages`: the messages of the root or of one namespace.
 */
import { messagesProjection } from "@agent-stream/core";
import type { BaseMessage } from "@langchain/core/messages";
import { computed, type ComputedRef, type MaybeRefOrGetter } from "vue";
import { registryOf, useRootField } from "./internal/use-root-field";
import { useTargetNamespace, type SelectorTarget } from "./selector-target";
import type { StreamSource } from "./stream-handle";
import { useRegistryProjection } from "./use-projection";

const NO_MESSAGES: readonly BaseMessage[] = Object.freeze([]);

/**
 * The conversation at `target` (default: the root), streamed token by token. At the root it reads
 * the root snapshot and opens nothing; elsewhere it holds a ref-counted scoped projection until
 * the effect scope is disposed. `target` may be a ref or getter, moving between root and scopes.
 *
 * @example
 * const messages = useMessages(stream);
 * const researcherMessages = useMessages(stream, () => props.subagent);
 */
export function useMessages(stream: StreamSource<any>, target?: MaybeRefOrGetter<SelectorTarget>): ComputedRef<readonly BaseMessage[]> {
  const namespace = useTargetNamespace(target);
  const root = useRootField(stream, "messages");
  const scoped = useRegistryProjection(
    () => (namespace.value === null ? null : registryOf(stream)),
    () => (namespace.value === null ? null : messagesProjection([...namespace.value])),
  );
  return computed(() => (namespace.value === null ? root.value : (scoped.value ?? NO_MESSAGES)));
}
