import { defineConfig } from "vitest/config";

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

export default defineConfig({
  test: {
    // 2-core machines: keep parallelism modest.
    maxWorkers: 2,
    projects: [
      nodeProject("core", ["packages/core/src/**/*.test.ts"]),
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
    ],
  },
});
