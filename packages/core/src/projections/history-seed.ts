/**
 * Stored state of one namespace, for projections opened on an idle thread.
 */
import { isRecord } from "../assembly/json";
import { isHttpError } from "../protocol/errors";
import type { Namespace } from "../protocol/types";
import { checkpointNamespace } from "./namespace";
import type { HistoryReader, ScopedContext } from "./types";

/**
 * Reads the newest checkpoint of `namespace` and passes its values to `apply`, unless the runtime
 * was disposed or `isStale()` says live data already arrived. The checkpoint namespace is the
 * segments joined with `|`, as LangGraph stores it (a NUL-joined key never matches a nested
 * namespace). Failures are reported through the context, never thrown.
 *
 * @example
 * seedFromHistory(context, client, ["tools:1"], () => sawValues, (values) => conversation.seed(values));
 */
export function seedFromHistory<T>(
  context: ScopedContext<T>,
  history: HistoryReader,
  namespace: Namespace,
  isStale: () => boolean,
  apply: (values: Record<string, unknown>) => void,
): void {
  const request = history.threads.getHistory(context.thread.threadId, {
    limit: 1,
    checkpoint: { checkpoint_ns: checkpointNamespace(namespace) },
  });
  request.then(
    (checkpoints) => {
      const values = checkpoints[0]?.values;
      if (context.signal.aborted || isStale() || !isRecord(values)) return;
      apply(values);
    },
    (error: unknown) => {
      // A thread that does not exist yet has no history: nothing to show, nothing to report.
      if (isHttpError(error, 404)) return;
      if (!context.signal.aborted) context.reportError(error);
    },
  );
}
