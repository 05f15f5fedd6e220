/**
 * Browser helpers of the demo's end-to-end test: Debian's chromium through playwright-core (never a
 * downloaded browser), screenshots, and reading what the page shows.
 */
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";

const CHROMIUM = process.env.AGENT_STREAM_CHROMIUM ?? "/usr/bin/chromium";

/** Git-ignored: the root .gitignore lists `.screenshots/`. */
export const SCREENSHOT_DIR = fileURLToPath(new URL("../.screenshots/", import.meta.url));

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/**
 * Launches headless chromium without sandbox or background networking (works offline).
 *
 * @example
 * const browser = await launchBrowser();
 */
export async function launchBrowser(): Promise<Browser> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--headless",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Saves a screenshot of the visible page as `.screenshots/<name>.png`.
 *
 * @example
 * await screenshot(page, "01-empty");
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  // Let the last tokens paint and CSS transitions (drawers) finish.
  await page.waitForTimeout(250);
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png`, animations: "disabled" });
}

/** Text of the agent's replies in the chat, joined. */
export async function replyText(page: Page): Promise<string> {
  return page.locator('[data-testid="message-ai"] .markdown').evaluateAll((elements) =>
    elements.map((element) => (element as HTMLElement).innerText).join("\n"),
  );
}

/**
 * Lengths of the reply text sampled every `intervalMs` until `count` distinct ones were seen or
 * `timeoutMs` passed.
 *
 * @example
 * const lengths = await sampleReplyLengths(page, 4);
 */
export async function sampleReplyLengths(page: Page, count: number, intervalMs = 40, timeoutMs = 5_000): Promise<number[]> {
  const lengths: number[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && new Set(lengths).size < count) {
    lengths.push((await replyText(page)).length);
    await page.waitForTimeout(intervalMs);
  }
  return lengths;
}

/**
 * Types `text` in the composer and presses Enter.
 *
 * @example
 * await send(page, "Plan a weekend in Paris");
 */
export async function send(page: Page, text: string): Promise<void> {
  const input = page.getByLabel("Message");
  await input.fill(text);
  await input.press("Enter");
}

/** The `thread` query parameter of the page's URL. */
export const threadInUrl = (page: Page): string | null => new URL(page.url()).searchParams.get("thread");
