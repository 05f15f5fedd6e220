/**
 * Per-test bookkeeping of the scenario suite: mounts apps on the shared agent server and tears
 * everything down after each test.
 */
import { expect, vi } from "vitest";
import { agentServerUrl } from "../agent-server-url.js";
import type { BindingHarness, MountedScenarioApp, ScenarioMountOptions, ScenarioSubmitOptions, ScenarioTransport } from "./harness.js";
import { startConnectionCounter, type ConnectionCounter } from "./server-connections.js";
import { readScenarioView, type ScenarioView } from "./view.js";

/** Submit options pacing the scripted model: `token_delay_ms` per token. */
export function paced(tokenDelayMs: number, extra: ScenarioSubmitOptions = {}): ScenarioSubmitOptions {
  return { ...extra, config: { configurable: { token_delay_ms: tokenDelayMs } } };
}

/** One mounted app plus helpers to read and wait on it. */
export interface ScenarioApp extends MountedScenarioApp {
  view(): ScenarioView;
  /** Waits until `assertion(view)` stops throwing (default: up to 20 s, for loaded CI machines). */
  until(assertion: (view: ScenarioView) => void, timeoutMs?: number): Promise<ScenarioView>;
}

/**
 * A scenario's apps and counters for one binding and transport; `cleanup()` after each test.
 *
 * @example
 * const app = await session.mount("text");
 * await app.actions.submit({ messages: "hi" }, paced(2));
 */
export class ScenarioSession {
  readonly #apps: MountedScenarioApp[] = [];
  readonly #counters: ConnectionCounter[] = [];

  constructor(
    readonly harness: BindingHarness,
    readonly transport: ScenarioTransport,
  ) {}

  /** Mounts the binding's scenario app on `assistantId`. */
  async mount(assistantId: string, options: Partial<ScenarioMountOptions> = {}): Promise<ScenarioApp> {
    const mounted = await this.harness.mount({ apiUrl: agentServerUrl(), transport: this.transport, assistantId, ...options });
    this.#apps.push(mounted);
    const view = (): ScenarioView => readScenarioView(mounted.container);
    return {
      ...mounted,
      container: mounted.container,
      actions: mounted.actions,
      view,
      until: async (assertion, timeoutMs = 20_000) => {
        await vi.waitFor(() => assertion(view()), { timeout: timeoutMs, interval: 10 });
        return view();
      },
      unmount: async () => {
        const index = this.#apps.indexOf(mounted);
        if (index >= 0) this.#apps.splice(index, 1);
        await mounted.unmount();
      },
    };
  }

  /** A connection counter (fault proxy) closed after the test. */
  async counter(): Promise<ConnectionCounter> {
    const counter = await startConnectionCounter();
    this.#counters.push(counter);
    return counter;
  }

  async cleanup(): Promise<void> {
    for (const app of this.#apps.splice(0)) await app.unmount();
    for (const counter of this.#counters.splice(0)) await counter.close();
  }
}

/** Waits until the app shows a finished run (not loading) with an AI reply containing `text`. */
export async function untilReply(app: ScenarioApp, text: string, timeoutMs?: number): Promise<ScenarioView> {
  return app.until((view) => {
    expect(view.isLoading).toBe(false);
    expect(view.messages.filter((message) => message.type === "ai").at(-1)?.text ?? "").toContain(text);
  }, timeoutMs);
}
