/**
 * Type helpers: subagent names and states from a deep agent, a subagent list or a map of agents.
 */
import type { BaseMessage } from "@langchain/core/messages";

/** The state of a subagent whose type is not known: a conversation plus anything else. */
export type DefaultSubagentState = { messages: BaseMessage[] } & Record<string, unknown>;

/** The state an agent or compiled graph resolves to (`invoke`'s result), else the default. */
export type InferAgentState<TAgent> = TAgent extends { invoke(...args: any[]): Promise<infer TState> }
  ? TState
  : DefaultSubagentState;

/** The state of one subagent definition (`{ name, runnable }`, `{ name, graph }`, or a plain spec). */
type SubagentDefinitionState<TDefinition> = TDefinition extends { runnable: infer TRunnable }
  ? InferAgentState<TRunnable>
  : TDefinition extends { graph: infer TGraph }
    ? InferAgentState<TGraph>
    : DefaultSubagentState;

/** Name → state for a list of subagent definitions. */
type StatesOfList<TList> = TList extends readonly (infer TDefinition)[]
  ? {
      [TEntry in TDefinition as TEntry extends { name: infer TName extends string } ? TName : never]: SubagentDefinitionState<TEntry>;
    }
  : never;

/**
 * Subagent name → state type, from:
 * - a deep agent (`createDeepAgent`, its `~deepAgentTypes` brand: the `Subagents` list),
 * - a list of subagent definitions (`{ name, runnable }` uses the runnable's state),
 * - a record of agents keyed by subagent type (`{ researcher: agent }`, each agent's `invoke` state).
 *
 * Anything else gives `Record<string, DefaultSubagentState>`.
 *
 * @example
 * type States = InferSubagentStates<typeof subagents>;
 * const state = valuesProjection<States["researcher"]>(subagent.namespace);
 */
export type InferSubagentStates<T> = T extends { "~deepAgentTypes": { Subagents: infer TList } }
  ? StatesOfList<TList>
  : T extends readonly unknown[]
    ? StatesOfList<T>
    : T extends Record<string, { invoke(...args: any[]): Promise<unknown> }>
      ? { [TName in keyof T & string]: InferAgentState<T[TName]> }
      : Record<string, DefaultSubagentState>;

/**
 * The subagent names of `T` (see {@link InferSubagentStates}).
 *
 * @example
 * type Names = InferSubagentNames<typeof subagents>; // "researcher" | "writer"
 */
export type InferSubagentNames<T> = keyof InferSubagentStates<T> & string;
