import { createAgent } from "langchain";
import { ScriptedChatModel, type ScriptContext, type ScriptedTurn } from "../fake/scripted-model.js";
import { createSubagents, createTaskTool } from "./subagents.js";

function orchestratorScript({ toolMessageCount, lastHumanText, latestToolResults }: ScriptContext): ScriptedTurn {
  if (toolMessageCount === 0) {
    return {
      text: "I will split this between the researcher and the writer.",
      toolCalls: [
        { name: "task", args: { description: `Research: ${lastHumanText}`, subagent_type: "researcher" } },
        { name: "task", args: { description: `Write about: ${lastHumanText}`, subagent_type: "writer" } },
      ],
    };
  }
  const findings = latestToolResults.map((message) => String(message.content)).join(" | ");
  return { text: `Summary of both subagents: ${findings}` };
}

/**
 * Builds the `deep_agent` graph: an orchestrator whose model calls the `task` tool twice in parallel
 * (subagent types `researcher` and `writer`); each call runs a compiled subagent whose events stream
 * under the tool's namespace, then the orchestrator streams a summary.
 *
 * @example
 * ```ts
 * const graph = createDeepAgentGraph();
 * ```
 */
export function createDeepAgentGraph() {
  const model = new ScriptedChatModel({ modelName: "scripted-orchestrator", script: orchestratorScript });
  return createAgent({ name: "deep_agent", model, tools: [createTaskTool(createSubagents())] }).graph;
}
