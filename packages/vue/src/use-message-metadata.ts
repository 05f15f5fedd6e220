/**
 * `useMessageMetadata`: fork point and optimistic status of one message.
 */
import type { MessageMetadata } from "@agent-stream/core";
import { computed, toValue, type ComputedRef, type MaybeRefOrGetter } from "vue";
import { useStoreRef } from "./internal/store-ref";
import { controllerOf, type StreamSource } from "./stream-handle";

/**
 * The metadata of message `messageId` (a ref or getter): `parentCheckpointId` (fork from it with
 * `submit(input, { forkFrom })` to redo that turn) and, for submitted input, `optimisticStatus`
 * (`pending` until the server echoes it, then `sent`; `failed` if the submit failed). Triggers
 * only when this message's entry changes.
 *
 * @example
 * const metadata = useMessageMetadata(stream, () => props.message.id);
 * // <Spinner v-if="metadata?.optimisticStatus === 'pending'" />
 */
export function useMessageMetadata(
  stream: StreamSource<any>,
  messageId: MaybeRefOrGetter<string | undefined>,
): ComputedRef<MessageMetadata | undefined> {
  const metadata = useStoreRef(() => controllerOf(stream).messageMetadataStore);
  return computed(() => {
    const id = toValue(messageId);
    return id === undefined ? undefined : metadata.value.get(id);
  });
}
