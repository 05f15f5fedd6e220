import type { Namespace } from "../../protocol/types";
import { IterableResult } from "./deferred-iterable";
import { openRunReader, type ProjectionHost } from "./run-reader";

/**
 * State snapshots of one scope for the current run: iterate each `values` event, or await the
 * last one. Awaiting rejects with `RunFailedError` when the run fails.
 *
 * @example
 * for await (const state of thread.values) console.log(state.messages.length);
 */
export type ValuesReader<TState> = IterableResult<TState, TState>;

/** Opens a values reader for `scope` (root: `[]`). */
export function openValuesReader<TState>(host: ProjectionHost, scope: Namespace = []): ValuesReader<TState> {
  const reader = new IterableResult<TState, TState>();
  let latest: TState | undefined;
  openRunReader(host, {
    scope,
    filter: { channels: ["values"], namespaces: [scope], depth: 0 },
    onEvent(event) {
      if (event.method !== "values") return;
      latest = event.params.data as TState;
      reader.push(latest);
    },
    onEnd(outcome) {
      if (outcome.error) reader.fail(outcome.error);
      else reader.finish(latest as TState);
    },
  });
  return reader;
}
