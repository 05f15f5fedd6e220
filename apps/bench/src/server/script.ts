/**
 * Scripted agent runs: the protocol events a real LangGraph agent server emits for one reply,
 * built from the thread's history, the submitted human message and a token count.
 */

/** A message as it travels in `values` (a plain LangChain message dict). */
export interface WireMessage {
  readonly type: "human" | "ai" | "tool";
  readonly content: string;
  readonly id: string;
  readonly [key: string]: unknown;
}

/** One protocol event before the server stamps `seq`, `event_id` and `timestamp` on it. */
export interface ScriptEvent {
  readonly method: string;
  readonly namespace: readonly string[];
  readonly data: unknown;
}

/** What a run plays after `run.start`, split into segments the harness releases one at a time. */
export interface RunScript {
  readonly segments: readonly (readonly ScriptEvent[])[];
  /** The thread's messages once the run is over. */
  readonly finalMessages: readonly WireMessage[];
  /** Text of the last message once the run is over. */
  readonly finalText: string;
}

/** What a script is built from. */
export interface RunContext {
  readonly history: readonly WireMessage[];
  readonly human: WireMessage;
  /** 0 for the thread's first run. */
  readonly runIndex: number;
}

/** Builds the script of one run. */
export type RunPlanner = (context: RunContext) => RunScript;

const WORDS = ["stream", "token", "agent", "reply", "graph", "state", "value", "model", "thread", "event", "delta", "text"];

/** The text of token `index` of a reply (about six characters, like a real BPE token plus space). */
export function tokenText(index: number): string {
  return `${index === 0 ? "" : " "}${WORDS[index % WORDS.length]!}`;
}

/** `count` held messages alternating human / AI, each about 80 characters. */
export function heldMessages(count: number): WireMessage[] {
  const messages: WireMessage[] = [];
  for (let index = 0; index < count; index += 1) {
    messages.push(
      index % 2 === 0
        ? { type: "human", id: `held-${index}`, content: `Held question ${index}: what is the forecast for the coast this weekend?` }
        : { type: "ai", id: `held-${index}`, content: `Held answer ${index}: mild, light wind from the west, showers late on Sunday.` },
    );
  }
  return messages;
}

function checkpoint(runIndex: number, step: number): ScriptEvent {
  const id = `cp-${runIndex}-${step}`;
  return {
    method: "checkpoints",
    namespace: [],
    data: { id, parent_id: step === 0 ? `cp-${runIndex}-input` : `cp-${runIndex}-${step - 1}`, step, source: "loop" },
  };
}

function values(messages: readonly WireMessage[]): ScriptEvent {
  return { method: "values", namespace: [], data: { messages } };
}

function lifecycle(namespace: readonly string[], event: string, graphName: string): ScriptEvent {
  return { method: "lifecycle", namespace, data: { event, graph_name: graphName } };
}

/** A root `tasks` task-start event (the server sends the node's input: the whole state). */
function taskStart(runIndex: number, name: string, messages: readonly WireMessage[]): ScriptEvent {
  return {
    method: "tasks",
    namespace: [],
    data: {
      id: `task-${runIndex}-${name}`,
      name,
      input: { messages },
      triggers: [`branch:to:${name}`],
      interrupts: [],
      metadata: { run_id: `run-${runIndex}`, graph_id: "agent", langgraph_version: "1.7.3" },
    },
  };
}

/** A root `tasks` task-result event. */
function taskResult(runIndex: number, name: string, messages: readonly WireMessage[]): ScriptEvent {
  return { method: "tasks", namespace: [], data: { id: `task-${runIndex}-${name}`, name, result: { messages }, interrupts: [] } };
}

/** A tool call in the `tools:` namespace of a tool node (started, one output delta, finished). */
function toolEvents(runIndex: number): ScriptEvent[] {
  const namespace = [`tools:run${runIndex}-tools`];
  const toolCallId = `call-lookup-${runIndex}`;
  return [
    lifecycle(namespace, "started", "tools"),
    { method: "tools", namespace, data: { event: "tool-started", tool_call_id: toolCallId, tool_name: "lookup", input: '{"query":"forecast"}' } },
    { method: "tools", namespace, data: { event: "tool-output-delta", tool_call_id: toolCallId, delta: "looking up" } },
    {
      method: "tools",
      namespace,
      data: {
        event: "tool-finished",
        tool_call_id: toolCallId,
        output: { status: "success", content: '{"forecast":"mild"}', tool_call_id: toolCallId, name: "lookup", type: "tool" },
      },
    },
    lifecycle(namespace, "completed", "tools"),
  ];
}

/** The message events of one streamed AI text reply of `tokens` text deltas. */
export function streamedReplyEvents(namespace: readonly string[], messageId: string, tokens: number): { events: ScriptEvent[]; text: string } {
  const runId = `${messageId}-llm`;
  const events: ScriptEvent[] = [
    { method: "messages", namespace, data: { event: "message-start", id: messageId, run_id: runId } },
    { method: "messages", namespace, data: { event: "content-block-start", index: 0, content: { type: "text", text: "" }, run_id: runId } },
  ];
  let text = "";
  for (let index = 0; index < tokens; index += 1) {
    const piece = tokenText(index);
    text += piece;
    events.push({
      method: "messages",
      namespace,
      data: { event: "content-block-delta", index: 0, delta: { type: "text-delta", text: piece }, run_id: runId },
    });
  }
  events.push(
    { method: "messages", namespace, data: { event: "content-block-finish", index: 0, content: { type: "text", text }, run_id: runId } },
    { method: "messages", namespace, data: { event: "message-finish", reason: "stop", run_id: runId } },
  );
  return { events, text };
}

/** Custom-channel events (a progress extension); the controllers' root filters leave them out. */
function customEvents(): ScriptEvent[] {
  return [
    { method: "custom", namespace: [], data: { name: "progress", payload: { step: "drafting" } } },
    { method: "custom", namespace: [], data: { payload: { note: "almost done" } } },
  ];
}

/** The events of one agent turn, split where the model starts streaming its reply. */
interface ReplyTurn {
  /** Checkpoint, values (history + human), the model task's start and a tool call. */
  readonly prelude: ScriptEvent[];
  /** The streamed reply, custom events, the task result, the final values and the root `completed`. */
  readonly reply: ScriptEvent[];
  readonly finalMessages: WireMessage[];
  readonly finalText: string;
}

function replyTurn(tokens: number, { history, human, runIndex }: RunContext): ReplyTurn {
  const start = [...history, human];
  const modelNamespace = [`model_request:run${runIndex}-model`];
  const replyId = `reply-${runIndex}`;
  const reply = streamedReplyEvents(modelNamespace, replyId, tokens);
  const answer: WireMessage = { type: "ai", id: replyId, content: reply.text, response_metadata: { finish_reason: "stop" } };
  const finalMessages: WireMessage[] = [...start, answer];
  return {
    prelude: [checkpoint(runIndex, 0), values(start), taskStart(runIndex, "model_request", start), ...toolEvents(runIndex)],
    reply: [
      lifecycle(modelNamespace, "started", "model_request"),
      ...reply.events,
      ...customEvents(),
      lifecycle(modelNamespace, "completed", "model_request"),
      taskResult(runIndex, "model_request", [answer]),
      checkpoint(runIndex, 1),
      values(finalMessages),
      lifecycle([], "completed", "agent"),
    ],
    finalMessages,
    finalText: reply.text,
  };
}

/**
 * One agent turn: values with the history and the human, the model task's start (carrying the
 * state, as the server sends it), a tool call, a streamed reply of `tokens` text deltas, custom
 * events, the task result, the final values and the root `completed` (one segment).
 *
 * @example
 * server.setPlanner(replyPlanner(20_000));
 */
export function replyPlanner(tokens: number): RunPlanner {
  return (context) => {
    const turn = replyTurn(tokens, context);
    return { segments: [[...turn.prelude, ...turn.reply]], finalMessages: turn.finalMessages, finalText: turn.finalText };
  };
}

/**
 * The same turn as {@link replyPlanner} in two segments: everything before the model starts
 * streaming (so the history is on screen first), then the streamed reply through `completed`.
 *
 * @example
 * const server = new ScriptedServer(twoStepReplyPlanner(200), heldMessages(200));
 */
export function twoStepReplyPlanner(tokens: number): RunPlanner {
  return (context) => {
    const turn = replyTurn(tokens, context);
    return { segments: [turn.prelude, turn.reply], finalMessages: turn.finalMessages, finalText: turn.finalText };
  };
}

/**
 * Three segments: values with the history and the human; one `values` re-sending all of it plus
 * one new AI message; the root `completed`.
 *
 * @example
 * server.setPlanner(valuesResendPlanner());
 */
export function valuesResendPlanner(): RunPlanner {
  return ({ history, human, runIndex }) => {
    const start = [...history, human];
    const answer: WireMessage = { type: "ai", id: `answer-${runIndex}`, content: "A short answer that arrives in one values event." };
    const finalMessages = [...start, answer];
    return {
      segments: [
        [checkpoint(runIndex, 0), values(start), taskStart(runIndex, "model_request", start), taskResult(runIndex, "model_request", [answer])],
        [checkpoint(runIndex, 1), values(finalMessages)],
        [lifecycle([], "completed", "agent")],
      ],
      finalMessages,
      finalText: answer.content,
    };
  };
}
