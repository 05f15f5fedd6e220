import { MessageAssembler } from "../../assembly/message-assembler";
import type { AssembledMessage } from "../../assembly/types";
import type { Namespace } from "../../protocol/types";
import { IterableResult } from "./deferred-iterable";
import { openRunReader, type ProjectionHost } from "./run-reader";
import { StreamingMessage } from "./streaming-message";

/** Messages of one scope for the current run; awaitable for the list of final messages. */
export type MessagesReader = IterableResult<StreamingMessage, StreamingMessage[]>;

/** Opens a reader of the messages streamed by the nodes of `scope` (root: `[]`). */
export function openMessagesReader(
  host: ProjectionHost,
  scope: Namespace = [],
  options: { depth?: number } = {},
): MessagesReader {
  const reader = new IterableResult<StreamingMessage, StreamingMessage[]>();
  const assembler = new MessageAssembler();
  const handles = new Map<AssembledMessage, StreamingMessage>();
  const all: StreamingMessage[] = [];
  openRunReader(host, {
    scope,
    filter: { channels: ["messages"], namespaces: [scope], depth: options.depth ?? 1 },
    onEvent(event) {
      if (event.method !== "messages") return;
      const message = assembler.consume(event);
      if (!message) return;
      let handle = handles.get(message);
      if (!handle) {
        handle = new StreamingMessage(message);
        handles.set(message, handle);
        all.push(handle);
        reader.push(handle);
      }
      handle.update();
    },
    onEnd(outcome) {
      const unfinished = outcome.error ?? new Error(`run ended (${outcome.status}) before the message finished`);
      for (const handle of all) handle.fail(unfinished);
      if (outcome.error) reader.fail(outcome.error);
      else reader.finish(all);
    },
  });
  return reader;
}
