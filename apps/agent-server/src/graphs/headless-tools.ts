import { AIMessage, ToolMessage } from "@langchain/core/messages";
import { END, interrupt, MessagesAnnotation, Send, START, StateGraph } from "@langchain/langgraph";
import { ScriptedChatModel, type ScriptContext, type ScriptedTurn } from "../fake/scripted-model.js";

/** A tool call the graph asks the client to run. */
export interface ClientToolCall {
  id: string;
  name: string;
  args: Record<string, unknown>;
}

/** Payload of each `headless_tools` interrupt: run this tool on the client and resume with its result. */
export interface ClientToolRequest {
  type: "tool";
  toolCall: ClientToolCall;
}

/** Names and arguments of the two client-side tools `headless_tools` requests in one step. */
export const HEADLESS_TOOL_CALLS = [
  { name: "get_location", args: { precision: "city" } },
  { name: "get_local_time", args: { format: "24h" } },
] as const;

let clientCallCounter = 0;

function answerScript({ latestToolResults }: ScriptContext): ScriptedTurn {
  const results = latestToolResults.map((message) => `${message.name ?? "tool"}=${String(message.content)}`);
  return { text: `Using both client results: ${results.join("; ")}.` };
}

const lastToolCalls = (messages: unknown[]): ClientToolCall[] => {
  const last = messages.at(-1);
  if (!AIMessage.isInstance(last)) return [];
  return (last.tool_calls ?? []).map((call) => ({ id: call.id ?? "", name: call.name, args: call.args }));
};

/**
 * Builds the `headless_tools` graph: `plan` proposes two client-side tool calls; each runs in its
 * own parallel `client_tool` task that calls `interrupt({type:"tool", toolCall})`, so two requests
 * are pending at once. Resuming both in one command (resume map by interrupt id) turns each result
 * into a ToolMessage, and `answer` streams a reply quoting both results.
 *
 * @example
 * ```ts
 * const graph = createHeadlessToolsGraph(); // first run ends interrupted with two tool requests
 * ```
 */
export function createHeadlessToolsGraph() {
  const model = new ScriptedChatModel({ modelName: "scripted-headless-tools", script: answerScript });
  const plan = () => {
    const toolCalls = HEADLESS_TOOL_CALLS.map((call) => {
      clientCallCounter += 1;
      return { id: `call_${call.name}_${clientCallCounter}`, name: call.name, args: { ...call.args }, type: "tool_call" as const };
    });
    return { messages: [new AIMessage({ content: "I need two answers from your device.", tool_calls: toolCalls })] };
  };
  const clientTool = (input: { toolCall: ClientToolCall }) => {
    const request: ClientToolRequest = { type: "tool", toolCall: input.toolCall };
    const result: unknown = interrupt(request);
    const content = typeof result === "string" ? result : JSON.stringify(result);
    return {
      messages: [new ToolMessage({ content, tool_call_id: input.toolCall.id, name: input.toolCall.name })],
    };
  };
  return new StateGraph(MessagesAnnotation)
    .addNode("plan", plan)
    // The Send payload, not the graph state, is this node's input.
    .addNode("client_tool", clientTool as never)
    .addNode("answer", async (state) => ({ messages: [await model.invoke(state.messages)] }))
    .addEdge(START, "plan")
    .addConditionalEdges(
      "plan",
      (state) => lastToolCalls(state.messages).map((toolCall) => new Send("client_tool", { toolCall })),
      ["client_tool"],
    )
    .addEdge("client_tool", "answer")
    .addEdge("answer", END)
    .compile();
}
