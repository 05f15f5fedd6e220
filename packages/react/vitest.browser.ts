/**
 * The React binding's browser test project (vitest browser mode, playwright driving Debian's
 * chromium), imported by the root vitest.config.ts. It lives here because the playwright provider
 * is a dev dependency of this package.
 */
import { playwright } from "@vitest/browser-playwright";
import type { TestProjectInlineConfiguration } from "vitest/config";
import { scenarioBrowser } from "../test-kit/src/scenarios/browser-config.ts";

/** Swaps React 19 for the React 18 copies installed as `react-18` / `react-dom-18`. */
const REACT_18_ALIASES = [
  { find: /^react$/, replacement: "react-18" },
  { find: /^react\/(.*)$/, replacement: "react-18/$1" },
  { find: /^react-dom$/, replacement: "react-dom-18" },
  { find: /^react-dom\/(.*)$/, replacement: "react-dom-18/$1" },
];

/**
 * The browser project; `sourceConditions` make workspace packages load from `src`. With
 * `reactVersion: 18` the same tests run against React 18.
 *
 * @example
 * projects: [reactBrowserProject(["@agent-stream/source"]), reactBrowserProject(["@agent-stream/source"], 18)]
 */
export function reactBrowserProject(sourceConditions: string[], reactVersion: 18 | 19 = 19): TestProjectInlineConfiguration {
  return {
    // Rooted here so the optimizer resolves react & co. from this package's dependencies.
    root: "packages/react",
    // Each React version pre-bundles its own copy.
    cacheDir: `node_modules/.vite-react${reactVersion}`,
    resolve: {
      conditions: [...sourceConditions, "module", "browser", "development|production"],
      alias: reactVersion === 18 ? REACT_18_ALIASES : [],
    },
    optimizeDeps: {
      // Pre-bundled up front: a discovery mid-run reloads the page and fails the running file.
      include: [
        "react",
        "react-dom",
        "react-dom/client",
        "react/jsx-runtime",
        "react/jsx-dev-runtime",
        "@testing-library/react",
        "@langchain/core/messages",
        "@agent-stream/core > uuid",
      ],
    },
    test: {
      name: reactVersion === 18 ? "react18-browser" : "react-browser",
      include: ["test/**/*.test.{ts,tsx}"],
      globalSetup: ["../test-kit/src/global-setup.ts"],
      provide: { reactMajor: reactVersion },
      // Generous: several browser projects share 2 cores and one agent server.
      testTimeout: 60_000,
      hookTimeout: 30_000,
      // Browser projects run one group after another (other bindings take later numbers).
      sequence: { groupOrder: reactVersion === 18 ? 2 : 1 },
      // One page at a time: 2-core machines, and one agent server for every file.
      fileParallelism: false,
      browser: scenarioBrowser(playwright),
    },
  };
}
