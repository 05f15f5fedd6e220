import { runScenarioSuite } from "@agent-stream/test-kit/scenarios";
import { vueHarness } from "./scenario-harness";

runScenarioSuite(vueHarness);
