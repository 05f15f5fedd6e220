/**
 * The Angular binding's browser test project (vitest browser mode, playwright driving Debian's
 * chromium, components compiled just in time by `@angular/compiler`), imported by the root
 * vitest.config.ts. It lives here because the playwright provider and Angular are dev
 * dependencies of this package.
 */
import { playwright } from "@vitest/browser-playwright";
import type { TestProjectInlineConfiguration } from "vitest/config";
import { scenarioBrowser } from "../test-kit/src/scenarios/browser-config.ts";

/**
 * The browser project; `sourceConditions` make workspace packages load from `src`.
 *
 * @example
 * projects: [angularBrowserProject(["@agent-stream/source"])]
 */
export function angularBrowserProject(sourceConditions: string[]): TestProjectInlineConfiguration {
  return {
    // Rooted here so the optimizer resolves @angular/* & co. from this package's dependencies.
    root: "packages/angular",
    cacheDir: "node_modules/.vite-angular",
    resolve: {
      conditions: [...sourceConditions, "module", "browser", "development|production"],
    },
    optimizeDeps: {
      // Pre-bundled up front: a discovery mid-run reloads the page and fails the running file.
      include: [
        "@angular/compiler",
        "@angular/core",
        "@angular/core/testing",
        "@angular/common",
        "@angular/platform-browser",
        "rxjs",
        "rxjs/operators",
        "@langchain/core/messages",
        "@agent-stream/core > uuid",
      ],
    },
    test: {
      name: "angular-browser",
      include: ["test/**/*.test.ts"],
      // JIT: the compiler must be loaded before any component is declared.
      setupFiles: ["test/setup.ts"],
      globalSetup: ["../test-kit/src/global-setup.ts"],
      testTimeout: 20_000,
      hookTimeout: 20_000,
      // One page at a time: 2-core machines, and one agent server for every file.
      fileParallelism: false,
      // Browser projects run one after another: timing-sensitive scenarios starve on 2 cores otherwise.
      sequence: { groupOrder: 5 },
      browser: scenarioBrowser(playwright),
    },
  };
}
