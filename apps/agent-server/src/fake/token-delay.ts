import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";

/** Environment variable that sets the per-token delay for every scripted model in the process. */
export const TOKEN_DELAY_ENV = "AGENT_STREAM_TOKEN_DELAY_MS";

/** Default per-token delay of the scripted models, in milliseconds. */
export const DEFAULT_TOKEN_DELAY_MS = 5;

const parseDelay = (value: unknown): number | undefined => {
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof number !== "number" || !Number.isFinite(number) || number < 0) return undefined;
  return number;
};

/**
 * Reads `configurable.token_delay_ms` from the runnable config of the current graph run.
 *
 * LangGraph runs every node inside an AsyncLocalStorage scope holding the node's config,
 * so a model can see the run's `configurable` without the node passing it explicitly.
 *
 * @example
 * ```ts
 * const delay = configuredTokenDelay(); // 2 when run.start sent config.configurable.token_delay_ms = 2
 * ```
 */
export function configuredTokenDelay(): number | undefined {
  const config = AsyncLocalStorageProviderSingleton.getRunnableConfig() as
    | { configurable?: Record<string, unknown> }
    | undefined;
  return parseDelay(config?.configurable?.token_delay_ms);
}

/**
 * Resolves the per-token delay: run config first, then {@link TOKEN_DELAY_ENV} (unless
 * `useEnvironment` is false), then `fallbackMs`.
 *
 * @example
 * ```ts
 * const delay = resolveTokenDelay(50); // 50 unless the run or the environment says otherwise
 * ```
 */
export function resolveTokenDelay(fallbackMs: number = DEFAULT_TOKEN_DELAY_MS, useEnvironment = true): number {
  const fromEnvironment = useEnvironment ? parseDelay(process.env[TOKEN_DELAY_ENV]) : undefined;
  return configuredTokenDelay() ?? fromEnvironment ?? fallbackMs;
}

/**
 * Waits `milliseconds`, resolving early when `signal` aborts (the caller checks the signal).
 *
 * @example
 * ```ts
 * await sleep(20, controller.signal);
 * ```
 */
export function sleep(milliseconds: number, signal?: AbortSignal): Promise<void> {
  if (milliseconds <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, milliseconds);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Splits text into word-sized tokens that keep their trailing whitespace, so joining them restores the text.
 *
 * @example
 * ```ts
 * tokenize("Hello big world"); // ["Hello ", "big ", "world"]
 * ```
 */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text.length > 0 ? [text] : []);
}
