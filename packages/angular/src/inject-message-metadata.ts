/**
 * `injectMessageMetadata`: fork point and optimistic status of one message.
 */
import type { MessageMetadata } from "@agent-stream/core";
import { computed, type Signal } from "@angular/core";
import { bindingContext, type InjectOptions } from "./internal/binding-context";
import { storeSignal } from "./internal/store-signal";
import { readValue, type MaybeSignal } from "./selector-target";
import { controllerOf, type StreamSource } from "./stream-handle";

/**
 * The metadata of message `messageId` (a value, `Signal` or function): `parentCheckpointId` (fork
 * from it with `submit(input, { forkFrom })` to redo that turn) and, for submitted input,
 * `optimisticStatus` (`pending` until the server echoes it, then `sent`; `failed` if the submit
 * failed). Changes only when this message's entry changes.
 *
 * @example
 * readonly message = input.required<BaseMessage>();
 * readonly metadata = injectMessageMetadata(this.stream, () => this.message().id);
 */
export function injectMessageMetadata(
  stream: StreamSource<any>,
  messageId: MaybeSignal<string | undefined>,
  options?: InjectOptions,
): Signal<MessageMetadata | undefined> {
  const context = bindingContext("injectMessageMetadata", injectMessageMetadata, options);
  const metadata = storeSignal(() => controllerOf(stream).messageMetadataStore, context);
  return computed(() => {
    const id = readValue(messageId);
    return id === undefined ? undefined : metadata().get(id);
  });
}
