/**
 * The scenario suite shared by every binding (browser-safe entry:
 * `@agent-stream/test-kit/scenarios`). A binding implements `BindingHarness` and calls
 * `runScenarioSuite(harness)` from a browser-mode test file.
 */
import { afterEach, describe } from "vitest";
import type { BindingHarness, ScenarioTransport } from "./harness.js";
import { interruptScenarios } from "./interrupt.scenarios.js";
import { lifetimeScenarios } from "./lifetime.scenarios.js";
import { extensionScenarios, mediaScenarios, subagentScenarios } from "./projection.scenarios.js";
import { runControlScenarios } from "./run-control.scenarios.js";
import { ScenarioSession } from "./session.js";
import { streamingScenarios } from "./streaming.scenarios.js";

export type {
  BindingHarness,
  MountedScenarioApp,
  ScenarioActions,
  ScenarioMountOptions,
  ScenarioSubmitOptions,
  ScenarioTransport,
  ScenarioViews,
} from "./harness.js";
export { SCENARIO_TEST_IDS } from "./harness.js";
export { readScenarioView, recordAiTexts, type ScenarioView, type ViewMessage } from "./view.js";
export { paced, ScenarioSession, untilReply, type ScenarioApp } from "./session.js";
export { pause, seedThread } from "./seed.js";
export { startConnectionCounter, type ConnectionCounter } from "./server-connections.js";
export { agentServerUrl } from "../agent-server-url.js";

/** Scenario groups, by name (pick some with `runScenarioSuite(harness, { groups })`). */
export const SCENARIO_GROUPS = {
  streaming: streamingScenarios,
  interrupts: interruptScenarios,
  runControl: runControlScenarios,
  lifetime: lifetimeScenarios,
  extensions: extensionScenarios,
  media: mediaScenarios,
  subagents: subagentScenarios,
} as const;

/** Options of {@link runScenarioSuite}. */
export interface ScenarioSuiteOptions {
  /** Default: both. */
  transports?: readonly ScenarioTransport[];
  /** Default: every group. */
  groups?: readonly (keyof typeof SCENARIO_GROUPS)[];
}

/**
 * Registers every scenario for `harness`, once per transport.
 *
 * @example
 * // packages/react/test/scenarios.test.tsx
 * runScenarioSuite(reactHarness);
 */
export function runScenarioSuite(harness: BindingHarness, options: ScenarioSuiteOptions = {}): void {
  const transports = options.transports ?? (["sse", "websocket"] as const);
  const groups = options.groups ?? (Object.keys(SCENARIO_GROUPS) as (keyof typeof SCENARIO_GROUPS)[]);
  for (const transport of transports) {
    describe(`${harness.binding} over ${transport}`, () => {
      const session = new ScenarioSession(harness, transport);
      afterEach(() => session.cleanup());
      for (const group of groups) describe(group, () => SCENARIO_GROUPS[group](session));
    });
  }
}
