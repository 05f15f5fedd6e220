import { runScenarioSuite } from "@agent-stream/test-kit/scenarios";
import { reactHarness } from "./scenario-app";

runScenarioSuite(reactHarness);
