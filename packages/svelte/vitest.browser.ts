/**
 * The Svelte binding's browser test project (vitest browser mode, playwright driving Debian's
 * chromium), imported by the root vitest.config.ts. It lives here because the Svelte plugin and
 * the playwright provider are dev dependencies of this package.
 */
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { playwright } from "@vitest/browser-playwright";
import type { TestProjectInlineConfiguration } from "vitest/config";
import { scenarioBrowser } from "../test-kit/src/scenarios/browser-config.ts";

/**
 * The browser project; `sourceConditions` make workspace packages load from `src`.
 *
 * @example
 * projects: [svelteBrowserProject(["@agent-stream/source"])]
 */
export function svelteBrowserProject(sourceConditions: string[]): TestProjectInlineConfiguration {
  return {
    // Rooted here so the plugin finds svelte.config.js and the optimizer resolves svelte from this package.
    root: "packages/svelte",
    cacheDir: "node_modules/.vite-svelte",
    plugins: [svelte()],
    resolve: {
      // `browser` picks Svelte's client runtime; `svelte` its component entry points.
      conditions: [...sourceConditions, "svelte", "module", "browser", "development|production"],
    },
    optimizeDeps: {
      // Pre-bundled up front: a discovery mid-run reloads the page and fails the running file.
      include: ["@langchain/core/messages", "@agent-stream/core > uuid"],
    },
    test: {
      name: "svelte-browser",
      include: ["test/**/*.test.ts"],
      globalSetup: ["../test-kit/src/global-setup.ts"],
      testTimeout: 20_000,
      hookTimeout: 20_000,
      // One page at a time: 2-core machines, and one agent server for every file.
      fileParallelism: false,
      // Browser projects run one after another: timing-sensitive scenarios starve on 2 cores otherwise.
      sequence: { groupOrder: 4 },
      browser: scenarioBrowser(playwright),
    },
  };
}
