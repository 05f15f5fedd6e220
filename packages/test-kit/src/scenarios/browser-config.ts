/**
 * The browser block every binding's vitest browser project uses: Debian's chromium driven by
 * playwright (never a downloaded browser), one headless instance, the scenario suite's Node-side
 * commands. Node only: imported by the bindings' `vitest.browser.ts` files.
 */
import type { TestProjectInlineConfiguration } from "vitest/config";
import { scenarioCommands } from "./browser-commands.js";

/** Debian's chromium; CI installs it (see `.ci/run`). Override with AGENT_STREAM_CHROMIUM. */
export const CHROMIUM_PATH = process.env.AGENT_STREAM_CHROMIUM ?? "/usr/bin/chromium";

/** Flags that keep chromium off the (closed) network and runnable as root in a container. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

type BrowserConfig = NonNullable<NonNullable<TestProjectInlineConfiguration["test"]>["browser"]>;
type ProviderFactory = (options: { launchOptions: { executablePath: string; args: string[] } }) => BrowserConfig["provider"];

/**
 * The `test.browser` block of a binding's browser project. The playwright provider is passed in
 * because it is a dev dependency of each binding, not of the test-kit.
 *
 * @example
 * import { playwright } from "@vitest/browser-playwright";
 * test: { browser: scenarioBrowser(playwright) }
 */
export function scenarioBrowser(playwright: ProviderFactory): BrowserConfig {
  return {
    enabled: true,
    headless: true,
    screenshotFailures: false,
    provider: playwright({ launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] } }),
    instances: [{ browser: "chromium" }],
    commands: scenarioCommands,
  };
}
