import { defineConfig } from "vitest/config";
import { demoE2eProject } from "./apps/demo/vitest.e2e.ts";
import { angularBrowserProject } from "./packages/angular/vitest.browser.ts";
import { reactBrowserProject } from "./packages/react/vitest.browser.ts";
import { svelteBrowserProject } from "./packages/svelte/vitest.browser.ts";
import { vueBrowserProject } from "./packages/vue/vitest.browser.ts";

const sourceConditions = ["@agent-stream/source"];

/** Node-side projects share these resolve settings so workspace packages load from `src`. */
const nodeProject = (name: string, include: string[], extra: Record<string, unknown> = {}) => ({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions, externalConditions: sourceConditions } },
  test: {
    name,
    include,
    environment: "node",
    ...extra,
  },
});

/** `.ci/run` sets this to get an exact machine-readable summary next to the usual output. */
const jsonReport = process.env.AGENT_STREAM_TEST_REPORT;

export default defineConfig({
  test: {
    reporters: jsonReport ? ["default", "json"] : ["default"],
    ...(jsonReport ? { outputFile: { json: jsonReport } } : {}),
    // 2-core machines: keep parallelism modest.
    maxWorkers: 2,
    projects: [
      nodeProject("core", ["packages/core/src/**/*.test.ts"], {
        // Type tests (`*.test-d.ts`, expectTypeOf) for inference from agent and tool types.
        typecheck: { enabled: true, include: ["packages/core/src/**/*.test-d.ts"], tsconfig: "packages/core/tsconfig.json" },
      }),
      nodeProject("agent-server", ["apps/agent-server/src/**/*.test.ts"], {
        testTimeout: 30_000,
        hookTimeout: 30_000,
      }),
      nodeProject("test-kit", ["packages/test-kit/src/**/*.test.ts"], {
        globalSetup: ["packages/test-kit/src/global-setup.ts"],
        testTimeout: 30_000,
        hookTimeout: 30_000,
      }),
      nodeProject("integration", ["packages/core/test/**/*.test.ts"], {
        globalSetup: ["packages/test-kit/src/global-setup.ts"],
        testTimeout: 30_000,
        hookTimeout: 30_000,
      }),
      // Real browser (Debian chromium through playwright) against the real agent server.
      reactBrowserProject(sourceConditions),
      reactBrowserProject(sourceConditions, 18),
      svelteBrowserProject(sourceConditions),
      vueBrowserProject(sourceConditions),
      angularBrowserProject(sourceConditions),
      // The demo app end to end (`pnpm demo`'s servers, driven by playwright-core).
      demoE2eProject(sourceConditions),
    ],
  },
});
