import { type BaseMessage, HumanMessage } from "@langchain/core/messages";
import { createAgent, tool } from "langchain";
import { z } from "zod";
import { ScriptedChatModel, type ScriptContext, type ScriptedTurn } from "../fake/scripted-model.js";

/** Subagent types the `task` tool accepts. */
export const SUBAGENT_TYPES = ["researcher", "writer"] as const;

/** One subagent type. */
export type SubagentType = (typeof SUBAGENT_TYPES)[number];

/** What `search_notes` throws for a query containing "boom" (a failing tool inside a subagent). */
export const SEARCH_NOTES_BOOM_MESSAGE = "The notes index is down (query contained \"boom\")";

const searchNotesTool = tool(
  async ({ query }: { query: string }) => {
    if (query.includes("boom")) throw new Error(SEARCH_NOTES_BOOM_MESSAGE);
    return `3 notes match "${query}": it streams, it resumes, it scales.`;
  },
  {
    name: "search_notes",
    description: "Search the team's research notes.",
    schema: z.object({ query: z.string() }),
  },
);

function researcherScript({ toolMessageCount, lastHumanText, latestToolResults }: ScriptContext): ScriptedTurn {
  if (toolMessageCount === 0) {
    return { text: "Searching the notes.", toolCalls: [{ name: "search_notes", args: { query: lastHumanText } }] };
  }
  return { text: `Research findings: ${String(latestToolResults[0]?.content ?? "nothing found")}` };
}

const writerScript = ({ lastHumanText }: ScriptContext): ScriptedTurn => ({
  text: `Draft: a short, friendly paragraph written for the request "${lastHumanText}".`,
});

/**
 * Builds the compiled subagents, keyed by type: `researcher` (calls `search_notes`, which fails for
 * a query containing "boom", then answers)
 * and `writer` (answers directly). Both stream their tokens.
 *
 * @example
 * ```ts
 * const subagents = createSubagents();
 * await subagents.writer.invoke({ messages: [new HumanMessage("Write a haiku")] });
 * ```
 */
export function createSubagents() {
  return {
    researcher: createAgent({
      name: "researcher",
      model: new ScriptedChatModel({ modelName: "scripted-researcher", script: researcherScript }),
      tools: [searchNotesTool],
    }),
    writer: createAgent({
      name: "writer",
      model: new ScriptedChatModel({ modelName: "scripted-writer", script: writerScript }),
      tools: [],
    }),
  };
}

const finalText = (messages: BaseMessage[]): string => {
  const last = messages.at(-1);
  if (last === undefined) return "";
  return typeof last.content === "string" ? last.content : last.text;
};

/**
 * Creates the deep-agent `task` tool (`{description, subagent_type}`): runs the subagent with the
 * caller's config, so its events stream under the tool call's namespace, and returns its final answer.
 *
 * @example
 * ```ts
 * const task = createTaskTool(createSubagents());
 * ```
 */
export function createTaskTool(subagents: ReturnType<typeof createSubagents>) {
  return tool(
    async ({ description, subagent_type }: { description: string; subagent_type: SubagentType }, config) => {
      const subagent = subagents[subagent_type];
      const result = await subagent.invoke({ messages: [new HumanMessage(description)] }, config);
      return finalText(result.messages);
    },
    {
      name: "task",
      description: "Delegate a task to a subagent and return its final answer.",
      schema: z.object({
        description: z.string().describe("What the subagent should do"),
        subagent_type: z.enum(SUBAGENT_TYPES).describe("Which subagent runs the task"),
      }),
    },
  );
}
