/**
 * The Vue binding's browser test project (vitest browser mode, playwright driving Debian's
 * chromium, SFCs compiled by @vitejs/plugin-vue), imported by the root vitest.config.ts. It lives
 * here because the playwright provider and the Vue plugin are dev dependencies of this package.
 */
import vue from "@vitejs/plugin-vue";
import { playwright } from "@vitest/browser-playwright";
import type { TestProjectInlineConfiguration } from "vitest/config";
import { scenarioBrowser } from "../test-kit/src/scenarios/browser-config.ts";

/**
 * The browser project; `sourceConditions` make workspace packages load from `src`.
 *
 * @example
 * projects: [vueBrowserProject(["@agent-stream/source"])]
 */
export function vueBrowserProject(sourceConditions: string[]): TestProjectInlineConfiguration {
  return {
    // Rooted here so the optimizer resolves vue & co. from this package's dependencies.
    root: "packages/vue",
    cacheDir: "node_modules/.vite-vue",
    plugins: [vue()],
    resolve: {
      conditions: [...sourceConditions, "module", "browser", "development|production"],
    },
    define: {
      __VUE_OPTIONS_API__: "true",
      __VUE_PROD_DEVTOOLS__: "false",
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false",
    },
    optimizeDeps: {
      // Pre-bundled up front: a discovery mid-run reloads the page and fails the running file.
      include: ["vue", "@langchain/core/messages", "@agent-stream/core > uuid"],
    },
    test: {
      name: "vue-browser",
      include: ["test/**/*.test.ts"],
      globalSetup: ["../test-kit/src/global-setup.ts"],
      testTimeout: 20_000,
      hookTimeout: 20_000,
      // One page at a time: 2-core machines, and one agent server for every file.
      fileParallelism: false,
      // Browser projects run one after another: timing-sensitive scenarios starve on 2 cores otherwise.
      sequence: { groupOrder: 3 },
      browser: scenarioBrowser(playwright),
    },
  };
}
