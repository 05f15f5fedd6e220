/**
 * The demo's browser end-to-end test project, imported by the root vitest.config.ts. It drives
 * Debian's chromium through playwright-core against the servers `pnpm demo` starts.
 */
import type { TestProjectInlineConfiguration } from "vitest/config";

/**
 * The `demo-e2e` project; `sourceConditions` make workspace packages load from `src`.
 *
 * @example
 * projects: [demoE2eProject(["@agent-stream/source"])]
 */
export function demoE2eProject(sourceConditions: string[]): TestProjectInlineConfiguration {
  return {
    resolve: { conditions: sourceConditions },
    ssr: { resolve: { conditions: sourceConditions, externalConditions: sourceConditions } },
    test: {
      name: "demo-e2e",
      // After every browser project, alone (see the bindings' vitest.browser.ts).
      sequence: { groupOrder: 6 },
      include: ["apps/demo/e2e/**/*.test.ts"],
      environment: "node",
      // One browser and one pair of servers for the whole walk-through.
      fileParallelism: false,
      testTimeout: 30_000,
      hookTimeout: 45_000,
    },
  };
}
