import { createAgent } from "langchain";
import { ScriptedChatModel, type ScriptContext, type ScriptedTurn } from "../fake/scripted-model.js";
import { CALCULATOR_BOOM, calculatorTool, getWeatherTool } from "./tools.js";

/**
 * The `tool_agent` script: one tool call, then two parallel calls in one AI message, then a streamed answer.
 *
 * When the user's message contains "boom", the second calculator call gets `"boom"` and its tool fails.
 */
export function toolAgentScript({ toolMessageCount, lastHumanText, messages }: ScriptContext): ScriptedTurn {
  if (toolMessageCount === 0) {
    return {
      text: "Let me check the weather first.",
      toolCalls: [{ name: "get_weather", args: { city: "Paris" } }],
    };
  }
  if (toolMessageCount === 1) {
    const secondExpression = lastHumanText.includes(CALCULATOR_BOOM) ? CALCULATOR_BOOM : "(2 + 3) * 4";
    return {
      toolCalls: [
        { name: "calculator", args: { expression: "6 * 7" } },
        { name: "calculator", args: { expression: secondExpression } },
      ],
    };
  }
  const results = messages
    .filter((message) => message.getType() === "tool")
    .map((message) => (typeof message.content === "string" ? message.content : JSON.stringify(message.content)));
  return { text: `Here is what the tools said: ${results.join("; ")}. That is all for now.` };
}

/**
 * Builds the `tool_agent` graph: `createAgent` with `get_weather` and `calculator` and a scripted model.
 *
 * @example
 * ```ts
 * const graph = createToolAgentGraph();
 * ```
 */
export function createToolAgentGraph() {
  const model = new ScriptedChatModel({ modelName: "scripted-tool-agent", script: toolAgentScript });
  return createAgent({ model, tools: [getWeatherTool, calculatorTool], name: "tool_agent" }).graph;
}
