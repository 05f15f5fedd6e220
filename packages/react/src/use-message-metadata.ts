"use client";
/**
 * `useMessageMetadata`: fork point and optimistic status of one message.
 */
import type { MessageMetadata } from "@agent-stream/core";
import { useSyncExternalStore } from "react";
import { controllerOf, type StreamSource } from "./stream-handle";

/**
 * The metadata of message `messageId`: `parentCheckpointId` (fork from it with
 * `submit(input, { forkFrom })` to redo that turn) and, for submitted input, `optimisticStatus`
 * (`pending` until the server echoes it, then `sent`; `failed` if the submit failed). Re-renders
 * only when this message's entry changes.
 *
 * @example
 * const metadata = useMessageMetadata(stream, message.id);
 * if (metadata?.optimisticStatus === "pending") return <Spinner />;
 */
export function useMessageMetadata(stream: StreamSource<any>, messageId: string | undefined): MessageMetadata | undefined {
  const store = controllerOf(stream).messageMetadataStore;
  const read = (): MessageMetadata | undefined => (messageId === undefined ? undefined : store.getSnapshot().get(messageId));
  return useSyncExternalStore(store.subscribe, read, read);
}
