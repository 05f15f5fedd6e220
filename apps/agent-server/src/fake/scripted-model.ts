import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BindToolsInput,
} from "@langchain/core/language_models/chat_models";
import {
  AIMessage,
  AIMessageChunk,
  type BaseMessage,
  type MessageContent,
  ToolMessage,
} from "@langchain/core/messages";
import { ChatGenerationChunk, type ChatResult } from "@langchain/core/outputs";
import { resolveTokenDelay, sleep, tokenize } from "./token-delay.js";

/** One tool call the scripted model emits. */
export interface ScriptedToolCall {
  name: string;
  args: Record<string, unknown>;
  /** Defaults to `call_<name>_<n>`, with `n` counting every tool call of the process (unique ids). */
  id?: string;
}

/** What the scripted model answers on one turn. */
export interface ScriptedTurn {
  /** Streamed token by token (word-sized tokens), with the per-token delay between them. */
  text?: string;
  /**
   * Reasoning streamed token by token before the text, in block 0 (the text then moves to block 1,
   * as reasoning providers do). `blockType: "thinking"` sends Anthropic-style provider-native
   * blocks (`{ type: "thinking", thinking }`) instead of standard `reasoning` blocks.
   */
  reasoning?: { text: string; blockType?: "reasoning" | "thinking" };
  /** Emitted after the text, each call streamed as two argument chunks. */
  toolCalls?: ScriptedToolCall[];
  /** Extra non-text content blocks (images, files, ...) streamed after the text, one whole block per chunk. */
  blocks?: Record<string, unknown>[];
  /** An audio block streamed in several base64 pieces (start block, then `data-delta`s). */
  audio?: ScriptedAudio;
  /** When set, the model throws an `Error` with this message after streaming `failAfterTokens` tokens. */
  failWith?: string;
  /** How many text tokens to stream before failing (default: all of them). */
  failAfterTokens?: number;
  /** Called after each text token is emitted (1-based count), e.g. to write custom events in between. */
  onToken?: (count: number, token: string) => void;
}

/** Audio a scripted turn streams. */
export interface ScriptedAudio {
  /** Base64 of the whole audio file. */
  data: string;
  mimeType: string;
  transcript?: string;
  /** How many pieces to split `data` into (at 4-character boundaries; default 3). */
  pieces?: number;
}

/** What a script sees of the conversation when it picks the next turn. */
export interface ScriptContext {
  messages: BaseMessage[];
  /** Number of `ToolMessage`s in the conversation: the usual way to tell which turn is next. */
  toolMessageCount: number;
  /** Text of the last human message ("" when none). */
  lastHumanText: string;
  /** Tool messages that follow the last AI message, i.e. the results the model is answering. */
  latestToolResults: ToolMessage[];
}

/** Chooses the model's next turn from the conversation. */
export type Script = (context: ScriptContext) => ScriptedTurn;

/** Options of {@link ScriptedChatModel}. */
export interface ScriptedChatModelOptions {
  script: Script;
  /** Delay used when neither the run config nor the environment sets one. */
  defaultTokenDelayMs?: number;
  /** Whether the `AGENT_STREAM_TOKEN_DELAY_MS` environment variable applies (default true). */
  useEnvironmentDelay?: boolean;
  /** Reported as the model name in response metadata. */
  modelName?: string;
}

let toolCallCounter = 0;

const textOf = (message: BaseMessage): string =>
  typeof message.content === "string"
    ? message.content
    : message.content
        .map((block) => ("text" in block && typeof block.text === "string" ? block.text : ""))
        .join("");

/**
 * Builds the {@link ScriptContext} a script receives for a list of messages.
 *
 * @example
 * ```ts
 * const context = buildScriptContext([new HumanMessage("hi")]); // lastHumanText "hi", toolMessageCount 0
 * ```
 */
export function buildScriptContext(messages: BaseMessage[]): ScriptContext {
  const toolMessageCount = messages.filter((message) => ToolMessage.isInstance(message)).length;
  const lastHuman = [...messages].reverse().find((message) => message.getType() === "human");
  const lastAiIndex = messages.map((message) => message.getType()).lastIndexOf("ai");
  const latestToolResults = messages
    .slice(lastAiIndex + 1)
    .filter((message): message is ToolMessage => ToolMessage.isInstance(message));
  return {
    messages,
    toolMessageCount,
    lastHumanText: lastHuman ? textOf(lastHuman) : "",
    latestToolResults,
  };
}

/**
 * A deterministic chat model that streams scripted replies token by token, with a real delay between tokens.
 *
 * The script picks each turn from the conversation, so one instance serves a whole agent loop
 * (e.g. "call a tool while there are no tool results, then answer"). Tool calls stream as
 * `tool_call_chunks`; `bindTools` returns a copy that shares the script. No network is used.
 *
 * @example
 * ```ts
 * const model = new ScriptedChatModel({
 *   script: ({ toolMessageCount }) =>
 *     toolMessageCount === 0
 *       ? { toolCalls: [{ name: "get_weather", args: { city: "Paris" } }] }
 *       : { text: "It is sunny in Paris." },
 * });
 * ```
 */
export class ScriptedChatModel extends BaseChatModel<BaseChatModelCallOptions> {
  readonly script: Script;
  readonly defaultTokenDelayMs: number | undefined;
  readonly useEnvironmentDelay: boolean;
  readonly modelName: string;
  /** Names of the tools bound with `bindTools` (informational). */
  boundToolNames: string[] = [];

  constructor(options: ScriptedChatModelOptions) {
    super({});
    this.script = options.script;
    this.defaultTokenDelayMs = options.defaultTokenDelayMs;
    this.useEnvironmentDelay = options.useEnvironmentDelay ?? true;
    this.modelName = options.modelName ?? "scripted-model";
  }

  static override lc_name(): string {
    return "ScriptedChatModel";
  }

  override _llmType(): string {
    return "scripted";
  }

  override bindTools(tools: BindToolsInput[]): ScriptedChatModel {
    const bound = new ScriptedChatModel({
      script: this.script,
      defaultTokenDelayMs: this.defaultTokenDelayMs,
      useEnvironmentDelay: this.useEnvironmentDelay,
      modelName: this.modelName,
    });
    bound.boundToolNames = tools.map((tool) =>
      typeof tool === "object" && tool !== null && "name" in tool ? String(tool.name) : "tool",
    );
    return bound;
  }

  async _generate(
    messages: BaseMessage[],
    options: this["ParsedCallOptions"],
    runManager?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    let aggregate: ChatGenerationChunk | undefined;
    for await (const chunk of this._streamResponseChunks(messages, options, runManager)) {
      aggregate = aggregate ? aggregate.concat(chunk) : chunk;
    }
    const message = aggregate?.message ?? new AIMessageChunk({ content: "" });
    return {
      generations: [
        {
          text: aggregate?.text ?? "",
          message: new AIMessage({
            content: message.content,
            tool_calls: (message as AIMessageChunk).tool_calls,
            usage_metadata: (message as AIMessageChunk).usage_metadata,
            response_metadata: message.response_metadata,
          }),
        },
      ],
    };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this["ParsedCallOptions"],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const turn = this.script(buildScriptContext(messages));
    const delay = resolveTokenDelay(this.defaultTokenDelayMs, this.useEnvironmentDelay);
    const tokens = tokenize(turn.text ?? "");
    const failAt = turn.failWith === undefined ? -1 : (turn.failAfterTokens ?? tokens.length);
    const reasoningTokens = tokenize(turn.reasoning?.text ?? "");
    const reasoningType = turn.reasoning?.blockType ?? "reasoning";
    const reasoningField = reasoningType === "thinking" ? "thinking" : "reasoning";
    for (const [position, token] of reasoningTokens.entries()) {
      if (position > 0) await sleep(delay, options.signal);
      options.signal?.throwIfAborted();
      const block = { type: reasoningType, [reasoningField]: token, index: 0 };
      yield new ChatGenerationChunk({ text: "", message: new AIMessageChunk({ content: [block] as unknown as MessageContent }) });
    }
    // After reasoning the text is block 1; alone it is string content (block 0).
    const textIndex = reasoningTokens.length > 0 ? 1 : undefined;
    let emitted = 0;
    for (const token of tokens) {
      if (emitted === failAt) break;
      if (emitted > 0 || textIndex !== undefined) await sleep(delay, options.signal);
      options.signal?.throwIfAborted();
      emitted += 1;
      yield this.textChunk(token, textIndex);
      await runManager?.handleLLMNewToken(token);
      turn.onToken?.(emitted, token);
    }
    if (turn.failWith !== undefined) {
      await sleep(delay, options.signal);
      throw new Error(turn.failWith);
    }
    // Block indexes: text is 0 (core's stream bridge puts string content there; 1 after reasoning), then the extra blocks,
    // then audio, then one per tool call; a shared index would merge a tool call into the text block.
    let nextIndex = (textIndex ?? (tokens.length > 0 ? 0 : -1)) + 1;
    for (const block of turn.blocks ?? []) {
      await sleep(delay, options.signal);
      options.signal?.throwIfAborted();
      yield new ChatGenerationChunk({
        text: "",
        message: new AIMessageChunk({ content: [{ ...block, index: nextIndex++ }] as unknown as MessageContent }),
      });
    }
    if (turn.audio) yield* this.audioChunks(turn.audio, nextIndex++, delay, options.signal);
    yield* this.toolCallChunks(turn.toolCalls ?? [], nextIndex, delay, options.signal);
    yield this.finalChunk(messages, emitted, turn);
  }

  private textChunk(token: string, index: number | undefined): ChatGenerationChunk {
    const content = index === undefined ? token : ([{ type: "text", text: token, index }] as unknown as MessageContent);
    return new ChatGenerationChunk({ text: token, message: new AIMessageChunk({ content }) });
  }

  private async *audioChunks(
    audio: ScriptedAudio,
    index: number,
    delay: number,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<ChatGenerationChunk> {
    const pieceCount = Math.max(1, audio.pieces ?? 3);
    const pieceLength = Math.ceil(audio.data.length / pieceCount / 4) * 4;
    for (let offset = 0; offset < audio.data.length; offset += pieceLength) {
      await sleep(delay, signal);
      signal?.throwIfAborted();
      const data = audio.data.slice(offset, offset + pieceLength);
      // The first part opens the block (content-block-start); later parts with the same index
      // become `data-delta`s, each carrying the next base64 piece.
      const opening = { mime_type: audio.mimeType, ...(audio.transcript ? { transcript: audio.transcript } : {}) };
      const part = offset === 0 ? { type: "audio", index, data, ...opening } : { type: "audio", index, data };
      yield new ChatGenerationChunk({ text: "", message: new AIMessageChunk({ content: [part] as MessageContent }) });
    }
  }

  private async *toolCallChunks(
    toolCalls: ScriptedToolCall[],
    firstIndex: number,
    delay: number,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<ChatGenerationChunk> {
    for (const [position, call] of toolCalls.entries()) {
      const index = firstIndex + position;
      toolCallCounter += 1;
      const id = call.id ?? `call_${call.name}_${toolCallCounter}`;
      const args = JSON.stringify(call.args);
      const half = Math.ceil(args.length / 2);
      // Two chunks per call, like real providers: id and name first, the rest of the arguments later.
      const pieces = [
        { id, name: call.name, args: args.slice(0, half) },
        { id: undefined, name: undefined, args: args.slice(half) },
      ];
      for (const piece of pieces) {
        await sleep(delay, signal);
        signal?.throwIfAborted();
        yield new ChatGenerationChunk({
          text: "",
          message: new AIMessageChunk({
            content: "",
            tool_call_chunks: [{ type: "tool_call_chunk", index, ...piece }],
          }),
        });
      }
    }
  }

  private finalChunk(messages: BaseMessage[], outputTokens: number, turn: ScriptedTurn): ChatGenerationChunk {
    const inputTokens = messages.reduce((total, message) => total + tokenize(textOf(message)).length, 0);
    const hasToolCalls = (turn.toolCalls?.length ?? 0) > 0;
    return new ChatGenerationChunk({
      text: "",
      message: new AIMessageChunk({
        content: "",
        usage_metadata: {
          input_tokens: inputTokens,
          output_tokens: outputTokens,
          total_tokens: inputTokens + outputTokens,
        },
        response_metadata: {
          model_name: this.modelName,
          finish_reason: hasToolCalls ? "tool_calls" : "stop",
        },
      }),
    });
  }
}
