/**
 * `injectMessages`: the messages of the root or of one namespace.
 */
import { messagesProjection } from "@agent-stream/core";
import { computed, type Signal } from "@angular/core";
import type { BaseMessage } from "@langchain/core/messages";
import { bindingContext, type InjectOptions } from "./internal/binding-context";
import { registryOf, rootField } from "./internal/root-field";
import { registryProjection } from "./inject-projection";
import { targetNamespaceSignal, type MaybeSignal, type SelectorTarget } from "./selector-target";
import type { StreamSource } from "./stream-handle";

const NO_MESSAGES: readonly BaseMessage[] = Object.freeze([]);

/**
 * The conversation at `target` (default: the root), streamed token by token. At the root it reads
 * the root snapshot and opens nothing; elsewhere it holds a ref-counted scoped projection until
 * the injection context is destroyed. `target` may be a `Signal` or function, moving between the
 * root and scopes in both directions.
 *
 * @example
 * readonly subagent = input.required<SubagentSnapshot>();
 * readonly messages = injectMessages(this.stream, this.subagent);
 */
export function injectMessages(
  stream: StreamSource<any>,
  target?: MaybeSignal<SelectorTarget>,
  options?: InjectOptions,
): Signal<readonly BaseMessage[]> {
  const context = bindingContext("injectMessages", injectMessages, options);
  const namespace = targetNamespaceSignal(target);
  const root = rootField(stream, "messages", context);
  const scoped = registryProjection(
    () => (namespace() === null ? null : registryOf(stream)),
    () => {
      const current = namespace();
      return current === null ? null : messagesProjection([...current]);
    },
    context,
  );
  return computed(() => (namespace() === null ? root() : (scoped() ?? NO_MESSAGES)));
}
