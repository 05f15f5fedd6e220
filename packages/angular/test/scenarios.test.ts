import { runScenarioSuite } from "@agent-stream/test-kit/scenarios";
import { angularHarness } from "./scenario-harness";

runScenarioSuite(angularHarness);
