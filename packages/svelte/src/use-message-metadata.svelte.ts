/**
 * `useMessageMetadata`: fork point and optimistic status of one message.
 */
import type { MessageMetadata } from "@agent-stream/core";
import { sharedStoreValue } from "./internal/store-value.js";
import type { ReactiveValue } from "./reactive-value.js";
import { readValue, type ValueOrGetter } from "./selector-target.js";
import { controllerOf, type StreamSource } from "./stream-handle.js";

const identity = <T>(value: T): T => value;

/**
 * The metadata of message `messageId`: `parentCheckpointId` (fork from it with
 * `submit(input, { forkFrom })` to redo that turn) and, for submitted input, `optimisticStatus`
 * (`pending` until the server echoes it, then `sent`; `failed` if the submit failed).
 *
 * @example
 * const metadata = useMessageMetadata(stream, () => message.id);
 * // {#if metadata.current?.optimisticStatus === "pending"}<Spinner />{/if}
 */
export function useMessageMetadata(
  stream: StreamSource<any>,
  messageId: ValueOrGetter<string | undefined>,
): ReactiveValue<MessageMetadata | undefined> {
  return {
    get current() {
      const id = readValue(messageId);
      const map = sharedStoreValue(controllerOf(stream).messageMetadataStore, "", identity).current;
      return id === undefined ? undefined : map.get(id);
    },
  };
}
