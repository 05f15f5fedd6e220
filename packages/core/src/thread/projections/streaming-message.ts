import type { BaseMessage } from "@langchain/core/messages";
import type { AssembledMessage } from "../../assembly/types";
import { IterableResult } from "./deferred-iterable";

/**
 * One message as it streams: iterate `text` for tokens as they arrive (or await it for the
 * whole text), await `output` for the final `@langchain/core` message.
 *
 * @example
 * for await (const message of thread.messages) {
 *   for await (const token of message.text) process.stdout.write(token);
 *   console.log((await message.output).content);
 * }
 */
export class StreamingMessage {
  /** Token fragments of the text; awaitable for the full text. */
  readonly text = new IterableResult<string, string>();
  /** Fragments of the reasoning; awaitable for the full reasoning. */
  readonly reasoning = new IterableResult<string, string>();
  readonly #output: Promise<BaseMessage>;
  #resolveOutput!: (message: BaseMessage) => void;
  #rejectOutput!: (error: unknown) => void;
  #textLength = 0;
  #reasoningLength = 0;
  #settled = false;

  constructor(
    /** The live assembled message (id, namespace, blocks, usage, status...). */
    readonly current: AssembledMessage,
  ) {
    this.#output = new Promise<BaseMessage>((resolve, reject) => {
      this.#resolveOutput = resolve;
      this.#rejectOutput = reject;
    });
    this.#output.catch(() => undefined);
  }

  get id(): string | undefined {
    return this.current.id;
  }
  get namespace(): readonly string[] {
    return this.current.namespace;
  }
  get role(): string {
    return this.current.role;
  }

  /** The final message once it finished; rejects if the message or stream errored. */
  get output(): Promise<BaseMessage> {
    return this.#output;
  }

  /** @internal Called after the assembler touched this message. */
  update(): void {
    if (this.#settled) return;
    const { text, reasoning } = this.current;
    if (text.length > this.#textLength) {
      this.text.push(text.slice(this.#textLength));
      this.#textLength = text.length;
    }
    if (reasoning.length > this.#reasoningLength) {
      this.reasoning.push(reasoning.slice(this.#reasoningLength));
      this.#reasoningLength = reasoning.length;
    }
    if (this.current.status === "complete") {
      this.#settled = true;
      this.text.finish(text);
      this.reasoning.finish(reasoning);
      this.#resolveOutput(this.current.toBaseMessage());
    } else if (this.current.status === "error") {
      this.fail(new Error(this.current.error?.message ?? "message failed"));
    }
  }

  /** @internal Ends the message without a finish (stream closed or run ended). */
  fail(error: Error): void {
    if (this.#settled) return;
    this.#settled = true;
    this.text.fail(error);
    this.reasoning.fail(error);
    this.#rejectOutput(error);
  }
}
