/**
 * Helpers shared by the Vue binding's browser tests.
 */
import { effectScope, type EffectScope } from "vue";

export { pause, seedThread } from "@agent-stream/test-kit/scenarios";

/** `config` that paces the scripted model at `tokenDelayMs` per token. */
export const paced = (tokenDelayMs: number) => ({ config: { configurable: { token_delay_ms: tokenDelayMs } } });

/** A `fetch` that records the path and `x-api-key` header of every request. */
export function recordingFetch(): { fetch: typeof fetch; requests: { path: string; apiKey: string | null }[] } {
  const requests: { path: string; apiKey: string | null }[] = [];
  return {
    requests,
    fetch: (input, init) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      requests.push({ path: new URL(url).pathname, apiKey: new Headers(init?.headers).get("x-api-key") });
      return globalThis.fetch(input, init);
    },
  };
}

/** Runs `setup` in a new effect scope (what a Pinia setup store does); stop the scope to end it. */
export function inScope<T>(setup: () => T): { result: T; scope: EffectScope } {
  const scope = effectScope(true);
  const result = scope.run(setup);
  if (result === undefined) throw new Error("inScope: the scope did not run");
  return { result, scope };
}

