/**
 * Keeps a failed tool call from crashing the server process.
 *
 * `createAgent` (langchain 1.5.14) compiles its graphs with stream transformers whose projections
 * push one entry per tool call (and per subagent) with an `output` promise; a failing tool rejects
 * that promise. Those projections are for in-process `streamEvents` readers: the agent server never
 * reads them, so the rejection goes unobserved and Node reports an unhandled rejection, which ends
 * the process (or the test run hosting the server). The run itself is fine: the failure reaches
 * clients as a `tool-error` event. This wraps every transformer of a graph so the promises its
 * projections publish are observed; anyone who does read them still sees the rejection.
 */
import type { AnyGraph } from "./graphs/registry.js";

type TransformerFactory = (...args: unknown[]) => unknown;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** Observes the promises of `value`'s fields and of entries later pushed to its channel fields. */
function observe(value: unknown): void {
  if (value instanceof Promise) {
    // Observed only: readers of this promise still get its rejection.
    value.catch(() => undefined);
    return;
  }
  if (!isRecord(value)) return;
  for (const field of Object.values(value)) {
    if (field instanceof Promise) observe(field);
    else if (isRecord(field) && typeof field.push === "function") observeChannel(field);
  }
}

const OBSERVED = Symbol("agent-stream.observed-channel");

/** Wraps `channel.push` so each entry pushed is observed (nested channels included). */
function observeChannel(channel: Record<string | symbol, unknown>): void {
  if (channel[OBSERVED] === true) return;
  channel[OBSERVED] = true;
  const push = channel.push as (...entries: unknown[]) => unknown;
  channel.push = function pushObserved(this: unknown, ...entries: unknown[]): unknown {
    for (const entry of entries) observe(entry);
    return push.apply(this, entries);
  };
}

function wrapFactory(factory: unknown): unknown {
  if (typeof factory !== "function") return factory;
  return (...args: unknown[]) => {
    const transformer = (factory as TransformerFactory)(...args);
    if (isRecord(transformer) && typeof transformer.init === "function") {
      const init = transformer.init as (...initArgs: unknown[]) => unknown;
      transformer.init = (...initArgs: unknown[]) => {
        const projection = init.apply(transformer, initArgs);
        observe(projection);
        return projection;
      };
    }
    return transformer;
  };
}

/**
 * Makes the promises published by `graph`'s stream transformers observed (see the file comment).
 * Returns the same graph; graphs without transformers are left as they are.
 *
 * @example
 * const graph = observeTransformerPromises(createAgent({ model, tools }).graph);
 */
export function observeTransformerPromises<TGraph extends AnyGraph>(graph: TGraph): TGraph {
  const target = graph as unknown as { streamTransformers?: unknown };
  if (Array.isArray(target.streamTransformers)) target.streamTransformers = target.streamTransformers.map(wrapFactory);
  return graph;
}
