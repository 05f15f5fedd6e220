/**
 * Type helpers: the state type of a graph or agent, and the input `submit` accepts for it.
 */
import type { BaseMessage } from "@langchain/core/messages";

/**
 * A message as plain data, the way the server's `add_messages` reducer reads it.
 *
 * @example
 * const message: MessageDict = { type: "human", content: "hi" };
 */
export interface MessageDict {
  /** `human`, `ai`, `system`, `tool` (or `role`: `user`, `assistant`, ...). */
  type?: string;
  role?: string;
  content: unknown;
  id?: string;
  [key: string]: unknown;
}

/**
 * One message as `submit` accepts it: an instance, a plain dict, or a bare string (a human message).
 *
 * @example
 * const inputs: MessageInput[] = ["hi", { role: "user", content: "hi" }, new HumanMessage("hi")];
 */
export type MessageInput = BaseMessage | MessageDict | string;

type IsAny<T> = 0 extends 1 & T ? true : false;

/** A graph's output state (`Pregel["~OutputType"]`); agent graphs declare their state only here. */
type OutputState<T> = T extends { "~OutputType": infer TState } ? (IsAny<TState> extends true ? never : TState) : never;

/** The state a compiled graph type declares (`CompiledStateGraph` carries it as a phantom field). */
type GraphState<T> = T extends { "~RunOutput": infer TState }
  ? IsAny<TState> extends true
    ? OutputState<T>
    : TState
  : OutputState<T>;

/**
 * The state type behind `T`: a compiled LangGraph graph (`typeof graph`), an agent built with
 * `createAgent` (`typeof agent`), or a state type written by hand (returned as is).
 *
 * @example
 * const controller = createStreamController<InferStateType<typeof graph>>({ assistantId: "agent", apiUrl });
 * controller.rootStore.getSnapshot().values.messages; // typed from the graph's state
 */
export type InferStateType<T> = [GraphState<T>] extends [never]
  ? T extends { readonly "~agentTypes": unknown; readonly graph: infer TGraph }
    ? GraphState<TGraph>
    : T extends object
      ? T
      : Record<string, unknown>
  : GraphState<T>;

/**
 * An update of `TUpdate` whose messages key (default `"messages"`) also accepts what `submit`
 * turns into messages: one {@link MessageInput} or a list of them. Other keys keep their type.
 *
 * @example
 * type Input = WidenUpdateMessages<Partial<{ messages: BaseMessage[]; topic: string }>>;
 * const input: Input = { messages: "What's the weather?", topic: "weather" };
 */
export type WidenUpdateMessages<TUpdate, TMessagesKey extends PropertyKey = "messages"> = {
  [TKey in keyof TUpdate]: TKey extends TMessagesKey
    ? TUpdate[TKey] | MessageInput | readonly MessageInput[]
    : TUpdate[TKey];
};

/**
 * What `submit` accepts for a state: a partial state with widened messages, or `null` to run
 * from the current (or forked) checkpoint without input.
 *
 * @example
 * const input: SubmitInput<{ messages: BaseMessage[] }> = { messages: [{ role: "user", content: "hi" }] };
 */
export type SubmitInput<TState, TMessagesKey extends PropertyKey = "messages"> =
  | WidenUpdateMessages<Partial<TState>, TMessagesKey>
  | null;
