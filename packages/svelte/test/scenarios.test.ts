import { runScenarioSuite } from "@agent-stream/test-kit/scenarios";
import { svelteHarness } from "./scenario/harness.svelte";

runScenarioSuite(svelteHarness);
