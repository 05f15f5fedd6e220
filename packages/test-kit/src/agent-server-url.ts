// Brings the ProvidedContext augmentation along to every package that imports this helper.
import type {} from "./vitest-context.js";
import { inject } from "vitest";

/**
 * The URL of the agent server the test-kit global setup started, for use inside tests.
 * Throws when the running vitest project does not list the global setup.
 *
 * @example
 * const thread = createThreadStream({ apiUrl: agentServerUrl(), assistantId: "text" });
 */
export function agentServerUrl(): string {
  const url = inject("agentServerUrl");
  if (typeof url !== "string" || url === "") {
    throw new Error(
      'agentServerUrl() has no value: add "packages/test-kit/src/global-setup.ts" to this vitest project\'s globalSetup.',
    );
  }
  return url;
}
