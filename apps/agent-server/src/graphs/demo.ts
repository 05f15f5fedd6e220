import { createAgent, tool } from "langchain";
import { z } from "zod";
import { ScriptedChatModel, type ScriptContext, type ScriptedTurn } from "../fake/scripted-model.js";
import { describeDecision, requestApproval } from "./approval.js";
import { createSubagents, createTaskTool } from "./subagents.js";
import { getWeatherTool } from "./tools.js";

/**
 * `send_email`: the demo's sensitive tool; it interrupts for approval (same payload as `hitl`) before "sending".
 *
 * @example
 * ```ts
 * // resumed with {decision:"edit", args:{to:"me@example.com", ...}} it sends with the edited args
 * ```
 */
export const sendEmailTool = tool(
  async (args: { to: string; subject: string; body: string }) => {
    const action = { name: "send_email", args };
    return describeDecision(action, requestApproval(action));
  },
  {
    name: "send_email",
    description: "Send an email. Sensitive: a human must approve it.",
    schema: z.object({ to: z.string(), subject: z.string(), body: z.string() }),
  },
);

const resultText = (context: ScriptContext, index: number): string =>
  String(context.messages.filter((message) => message.getType() === "tool")[index]?.content ?? "");

function demoScript(context: ScriptContext): ScriptedTurn {
  const topic = context.lastHumanText || "the weekend trip";
  switch (context.toolMessageCount) {
    case 0:
      return {
        text: `Let me check the weather in Paris for ${topic}.`,
        toolCalls: [{ name: "get_weather", args: { city: "Paris" } }],
      };
    case 1:
      return {
        text: "I will email the forecast to the team; that needs your approval.",
        toolCalls: [
          {
            name: "send_email",
            args: { to: "team@example.com", subject: "Paris forecast", body: resultText(context, 0) },
          },
        ],
      };
    case 2:
      return {
        text: "Now I will ask the researcher subagent for background.",
        toolCalls: [{ name: "task", args: { description: `Background on ${topic}`, subagent_type: "researcher" } }],
      };
    default:
      return {
        text:
          `All done. Weather: ${resultText(context, 0)} Email: ${resultText(context, 1)} ` +
          `Research: ${resultText(context, 2)}`,
      };
  }
}

/**
 * Builds the `demo` graph for the demo app: streams text, calls `get_weather`, asks for approval
 * (one interrupt) before the sensitive `send_email`, delegates to the `researcher` subagent through
 * `task`, then streams a final answer. Offline: the model is scripted.
 *
 * @example
 * ```ts
 * const graph = createDemoGraph(); // first run ends interrupted with an approval request
 * ```
 */
export function createDemoGraph() {
  const model = new ScriptedChatModel({ modelName: "scripted-demo", script: demoScript });
  const tools = [getWeatherTool, sendEmailTool, createTaskTool(createSubagents())];
  return createAgent({ name: "demo", model, tools }).graph;
}
