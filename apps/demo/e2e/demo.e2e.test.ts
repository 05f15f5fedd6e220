/**
 * Walks through the demo in a real browser against the servers `pnpm demo` starts: streaming,
 * tool calls, the approval interrupt, the subagent, the inspector, thread switching and re-attaching
 * after a reload. Every step leaves a screenshot in apps/demo/.screenshots/.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startDemo, type RunningDemo } from "../server/start-demo";
import { DESKTOP, PHONE, launchBrowser, replyText, sampleReplyLengths, screenshot, send, threadInUrl } from "./browser";

/** Nothing sticks out sideways: the page does not scroll and every header control is on screen. */
async function expectFitsWidth(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
  const headerRight = await page
    .locator(".topbar button")
    .evaluateAll((buttons) => Math.max(...buttons.map((button) => button.getBoundingClientRect().right)));
  expect(headerRight).toBeLessThanOrEqual(PHONE.width);
}

const FIRST_QUESTION = "Plan a weekend in Paris";
const SECOND_QUESTION = "Should we move the team offsite?";
/** Long enough that the first sentence of the reply (which quotes it) streams for a few seconds. */
const LONG_QUESTION =
  "our three day team offsite in late spring: we are twelve people, half of us arrive by train from London " +
  "and the others fly in from Berlin and Madrid, we need a quiet venue near the centre with one big room " +
  "for workshops and two smaller rooms for breakouts, good coffee, vegetarian lunches, an outdoor dinner " +
  "on the second evening if the weather allows it, a museum visit or a walking tour on the last morning, " +
  "and a budget that stays under four hundred euros per person including the hotel; please also suggest " +
  "what to do if it rains all weekend, which neighbourhood is easiest to reach from both train stations, " +
  "whether we should book the dinner in advance, how early the museums open on a Sunday, and what the " +
  "weather usually looks like that time of year so that people know what to pack before they travel";

describe("pnpm demo in a browser", () => {
  let demo: RunningDemo;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let firstThread: string | null = null;
  let secondThread: string | null = null;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemo({ port: 0, agentPort: 0, tokenDelayMs: 25 }), launchBrowser()]);
    context = await browser.newContext({ viewport: DESKTOP });
    // Fail a step with playwright's explanation rather than the test's timeout.
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.stack ?? error.message));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(message.text());
    });
  });

  // Each step builds on the one before: after a failure, report it rather than a cascade of timeouts.
  let failedStep: string | undefined;
  beforeEach((context) => {
    if (failedStep !== undefined) context.skip(`an earlier step failed: ${failedStep}`);
  });
  afterEach(async (context) => {
    if (context.task.result?.state !== "fail" || failedStep !== undefined) return;
    failedStep = context.task.name;
    await screenshot(page, "failed-step");
    if (pageErrors.length > 0) console.error(`Errors in the page:\n${pageErrors.join("\n")}`);
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it("opens on an empty thread", async () => {
    await page.goto(demo.url);
    await page.getByTestId("empty-state").waitFor();
    expect(await page.getByTestId("run-status").innerText()).toContain("Ready");
    await screenshot(page, "01-desktop-empty");
  });

  it("shows the message at once and streams the reply token by token", async () => {
    await send(page, FIRST_QUESTION);
    await page.getByTestId("message-human").filter({ hasText: FIRST_QUESTION }).waitFor({ timeout: 1_000 });
    await page.getByTestId("message-ai").first().waitFor();
    const lengths = await sampleReplyLengths(page, 4);
    // The text grows over time: several distinct lengths, never shrinking.
    expect(new Set(lengths).size).toBeGreaterThanOrEqual(4);
    expect(lengths).toEqual([...lengths].sort((left, right) => left - right));
    await screenshot(page, "02-desktop-streaming");
    firstThread = threadInUrl(page);
    expect(firstThread).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("shows tool calls with their results, then asks for approval", async () => {
    const approval = page.getByTestId("approval-card");
    await approval.waitFor({ timeout: 15_000 });
    const weather = page.locator('[data-testid="tool-call"][data-tool="get_weather"]');
    await expect.poll(() => weather.getAttribute("data-state")).toBe("finished");
    expect(await weather.innerText()).toContain("Paris");
    expect(await approval.innerText()).toContain("send_email");
    expect(await page.locator('[data-tool="send_email"]').getAttribute("data-state")).toBe("awaiting-approval");
    await screenshot(page, "03-desktop-approval");
  });

  it("resumes after approval; the subagent streams and finishes", async () => {
    await page.getByTestId("approval-card").getByRole("button", { name: "Approve" }).click();
    await page.getByTestId("approval-card").waitFor({ state: "detached" });
    const subagent = page.getByTestId("subagent");
    await subagent.first().waitFor({ timeout: 15_000 });
    await expect.poll(() => subagent.first().getAttribute("data-status"), { timeout: 15_000 }).toBe("complete");
    expect(await subagent.first().innerText()).toContain("Research findings");
    await expect.poll(() => replyText(page), { timeout: 15_000 }).toContain("All done.");
    await expect.poll(() => page.getByTestId("run-status").innerText()).toContain("Ready");
    expect(await page.locator('[data-tool="send_email"]').getAttribute("data-state")).toBe("finished");
    await screenshot(page, "04-desktop-finished");
  });

  it("lists the thread's raw protocol events in the inspector, filterable", async () => {
    await page.getByTestId("open-inspector").click();
    const inspector = page.getByTestId("event-inspector");
    await inspector.waitFor();
    const rows = inspector.getByTestId("event-row");
    await expect.poll(() => rows.count()).toBeGreaterThan(20);
    await screenshot(page, "05-desktop-inspector");
    await inspector.getByLabel("Filter events").fill("send_email");
    await expect.poll(async () => (await rows.allInnerTexts()).every((text) => text.length > 0)).toBe(true);
    const channels = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute("data-channel")));
    expect(channels.length).toBeGreaterThan(0);
    expect(channels).toContain("tools");
    await screenshot(page, "06-desktop-inspector-filtered");
    await page.getByTestId("open-inspector").click();
  });

  it("switches threads and restores each one's state from the server", async () => {
    await page.getByTestId("new-thread").click();
    await page.getByTestId("empty-state").waitFor();
    await send(page, SECOND_QUESTION);
    await page.getByTestId("approval-card").waitFor({ timeout: 15_000 });
    secondThread = threadInUrl(page);
    expect(secondThread).not.toBe(firstThread);

    await page.getByTestId("thread-item").filter({ hasText: FIRST_QUESTION }).click();
    await expect.poll(() => replyText(page)).toContain("All done.");
    expect(threadInUrl(page)).toBe(firstThread);
    await page.locator('[data-tool="get_weather"][data-state="finished"]').waitFor();
    await expect.poll(() => page.getByTestId("subagent").first().getAttribute("data-status")).toBe("complete");
    await screenshot(page, "07-desktop-thread-restored");

    await page.getByTestId("thread-item").filter({ hasText: SECOND_QUESTION }).click();
    await page.getByTestId("approval-card").waitFor();
    expect(await replyText(page)).not.toContain("All done.");
    await screenshot(page, "08-desktop-second-thread-interrupted");
  });

  it("re-attaches to the run in progress after a reload", async () => {
    await page.getByTestId("new-thread").click();
    await send(page, LONG_QUESTION);
    await expect.poll(async () => (await replyText(page)).length).toBeGreaterThan(40);
    const thread = threadInUrl(page);
    const before = (await replyText(page)).length;
    await page.reload();
    expect(threadInUrl(page)).toBe(thread);
    await page.getByTestId("message-human").waitFor();
    // Still streaming after the reload: the text keeps growing from where it was.
    const lengths = await sampleReplyLengths(page, 3);
    expect(new Set(lengths).size).toBeGreaterThanOrEqual(3);
    expect(lengths.at(-1)!).toBeGreaterThan(before);
    await screenshot(page, "09-desktop-reattached");
    await page.getByTestId("approval-card").waitFor({ timeout: 15_000 });
    // Once, not twice: the replayed events were not applied again.
    const reply = await replyText(page);
    expect(reply.split("Let me check the weather in Paris").length - 1).toBe(1);
    expect(reply).toContain(`${LONG_QUESTION}.`);
  });

  it("sends edited arguments from the approval card", async () => {
    const approval = page.getByTestId("approval-card");
    await approval.getByRole("button", { name: "Edit" }).click();
    const editor = approval.getByLabel("Arguments (JSON)");
    const edited = (await editor.inputValue()).replace("team@example.com", "ada@example.com");
    await editor.fill(edited);
    await approval.getByRole("button", { name: "Send edited" }).click();
    const email = page.locator('[data-testid="tool-call"][data-tool="send_email"]');
    await expect.poll(() => email.getAttribute("data-state"), { timeout: 15_000 }).toBe("finished");
    expect(await email.innerText()).toContain("Decision: edit. Ran send_email with edited args");
    expect(await email.innerText()).toContain("ada@example.com");
  });

  it("stops a run with the stop button", async () => {
    await page.getByTestId("new-thread").click();
    await send(page, LONG_QUESTION);
    await expect.poll(async () => (await replyText(page)).length).toBeGreaterThan(20);
    await page.getByRole("button", { name: "Stop the run" }).click();
    await expect.poll(() => page.getByTestId("run-status").innerText()).toContain("Ready");
    const stoppedAt = (await replyText(page)).length;
    await page.waitForTimeout(400);
    expect((await replyText(page)).length).toBe(stoppedAt);
    expect(await page.getByRole("button", { name: "Send" }).count()).toBe(1);
    await screenshot(page, "10-desktop-stopped");
  });

  it("fits a phone screen", async () => {
    // Same context: this browser's thread list (localStorage) comes along.
    const phonePage = await context.newPage();
    try {
      await phonePage.setViewportSize(PHONE);
      await phonePage.goto(`${demo.url}?thread=${firstThread}`);
      await expect.poll(() => replyText(phonePage)).toContain("All done.");
      await expectFitsWidth(phonePage);
      await screenshot(phonePage, "11-phone-chat");
      await phonePage.getByTestId("open-subagents").click();
      await screenshot(phonePage, "12-phone-subagents");
      await phonePage.getByRole("button", { name: "Threads" }).click();
      await screenshot(phonePage, "13-phone-threads");
      await phonePage.getByTestId("thread-item").filter({ hasText: SECOND_QUESTION }).click();
      await phonePage.getByTestId("approval-card").waitFor();
      await expectFitsWidth(phonePage);
      await screenshot(phonePage, "14-phone-approval");
      // A thread loaded from stored state has no events to show; its resumed run streams them.
      await phonePage.getByTestId("open-inspector").click();
      await phonePage.getByTestId("inspector-empty").waitFor();
      await phonePage.getByTestId("open-inspector").click();
      await phonePage.getByTestId("approval-card").getByRole("button", { name: "Approve" }).click();
      await phonePage.getByTestId("open-inspector").click();
      await phonePage.getByTestId("event-row").first().waitFor();
      await screenshot(phonePage, "15-phone-inspector");
      await phonePage.getByLabel("Close the event inspector").click();
      await expect.poll(() => phonePage.getByTestId("run-status").innerText(), { timeout: 15_000 }).toContain("Ready");
      expect(await replyText(phonePage)).toContain("All done.");
      await screenshot(phonePage, "16-phone-finished");
    } finally {
      await phonePage.close();
    }
  });
});
