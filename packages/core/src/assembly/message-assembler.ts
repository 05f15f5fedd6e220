/**
 * Turns `messages` events into live {@link AssembledMessage}s.
 */
import { namespacesEqual } from "../protocol/filter";
import type { ContentBlock, MessageRole, Namespace, ProtocolEvent, UsageInfo } from "../protocol/types";
import { messageAddress } from "./address";
import { asContentBlock } from "./content-blocks";
import { isRecord } from "./json";
import type { AssemblyWorkCounters, JoinableType } from "./joined-field";
import { MessageState } from "./message-state";
import type { AssembledMessage } from "./types";

/** Options of {@link MessageAssembler}. */
export interface MessageAssemblerOptions {
  /** @internal Counts non-constant work; used by tests to prove per-token cost stays flat. */
  counters?: AssemblyWorkCounters;
}

/** A content-block event reduced to what it does to a message. */
type BlockOperation =
  | { kind: "start" | "finish" | "legacy"; index: number; content: ContentBlock }
  | { kind: "text" | "reasoning"; index: number; fragment: string }
  | { kind: "data"; index: number; data: string; encoding: string | undefined }
  | { kind: "fields"; index: number; fields: Record<string, unknown> }
  | { kind: "args"; index: number; fragment: string };

function readIndex(data: Record<string, unknown>, content: ContentBlock | undefined): number | undefined {
  const index = data.index ?? content?.index;
  return typeof index === "number" && Number.isInteger(index) && index >= 0 ? index : undefined;
}

function readDelta(index: number, delta: Record<string, unknown>): BlockOperation | undefined {
  switch (delta.type) {
    case "text-delta":
      return typeof delta.text === "string" ? { kind: "text", index, fragment: delta.text } : undefined;
    case "reasoning-delta":
      return typeof delta.reasoning === "string"
        ? { kind: "reasoning", index, fragment: delta.reasoning }
        : undefined;
    case "data-delta":
      return typeof delta.data === "string"
        ? {
            kind: "data",
            index,
            data: delta.data,
            encoding: typeof delta.encoding === "string" ? delta.encoding : undefined,
          }
        : undefined;
    case "block-delta":
      return isRecord(delta.fields) ? { kind: "fields", index, fields: delta.fields } : undefined;
    case "tool-call-delta":
      // Protocol 0.0.21 (sent by langgraph-api 1.5.1): `args` is a fragment to append.
      return typeof delta.args === "string" ? { kind: "args", index, fragment: delta.args } : undefined;
    default:
      // Unknown delta types must be ignored, never fatal.
      return undefined;
  }
}

/**
 * The joinable type a `text-delta` / `reasoning-delta` with a valid top-level index appends to
 * (its fragment is `delta[type]`), read without allocating an operation; `undefined` for every
 * other delta, which the general path handles.
 */
function textFragmentType(data: Record<string, unknown>): JoinableType | undefined {
  const index = data.index;
  const delta = data.delta;
  if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || !isRecord(delta)) return undefined;
  if (delta.type === "text-delta") return typeof delta.text === "string" ? "text" : undefined;
  if (delta.type === "reasoning-delta") return typeof delta.reasoning === "string" ? "reasoning" : undefined;
  return undefined;
}

/** Reads a content-block event; `undefined` for malformed or unknown shapes. */
function readBlockOperation(data: Record<string, unknown>): BlockOperation | undefined {
  const content = asContentBlock(data.content);
  const index = readIndex(data, content);
  if (index === undefined) return undefined;
  if (data.event === "content-block-delta") {
    if (isRecord(data.delta)) return readDelta(index, data.delta);
    return content ? { kind: "legacy", index, content } : undefined;
  }
  if (content === undefined) return undefined;
  return { kind: data.event === "content-block-start" ? "start" : "finish", index, content };
}

function applyBlockOperation(message: MessageState, operation: BlockOperation): void {
  switch (operation.kind) {
    case "start":
      return message.startBlock(operation.index, operation.content);
    case "finish":
      return message.finishBlock(operation.index, operation.content);
    case "legacy":
      return message.mergeLegacy(operation.index, operation.content);
    case "text":
    case "reasoning":
      return message.appendText(operation.index, operation.kind, operation.fragment);
    case "data":
      return message.appendData(operation.index, operation.data, operation.encoding);
    case "fields":
      return message.mergeFields(operation.index, operation.fields);
    case "args":
      return message.appendToolArgs(operation.index, operation.fragment);
  }
}

function readUsage(value: unknown): UsageInfo | undefined {
  return isRecord(value) ? (value as UsageInfo) : undefined;
}

function readRole(value: unknown): MessageRole | (string & {}) {
  if (value === "user") return "human";
  if (value === "assistant" || typeof value !== "string" || value === "") return "ai";
  return value;
}

/**
 * Assembles streamed messages from `messages` events. Pure and synchronous; each event
 * costs O(1) amortised. Events must be deduplicated before they get here.
 *
 * @example
 * const assembler = new MessageAssembler();
 * for (const event of events) {
 *   const message = assembler.consume(event);
 *   if (message) console.log(message.id, message.text);
 * }
 */
export class MessageAssembler {
  /** Open message per `(namespace, node)` address. */
  readonly #active = new Map<string, MessageState>();
  readonly #byId = new Map<string, MessageState>();
  readonly #counters: AssemblyWorkCounters | undefined;
  #lastNamespace: Namespace | undefined;
  #lastNode: string | undefined;
  #lastAddress = "";

  constructor(options: MessageAssemblerOptions = {}) {
    this.#counters = options.counters;
  }

  /**
   * Applies one event. Returns the message it changed, or `undefined` when the event was
   * ignored (another channel, an unknown sub-event or delta type, a malformed payload).
   */
  consume(event: ProtocolEvent): AssembledMessage | undefined {
    if (event.method !== "messages") return undefined;
    const params = event.params;
    const data: unknown = params?.data;
    if (!isRecord(data)) return undefined;
    const namespace: Namespace = Array.isArray(params.namespace) ? params.namespace : [];
    const node = typeof params.node === "string" ? params.node : undefined;
    const address = this.#addressOf(namespace, node);
    switch (data.event) {
      case "message-start":
        return this.#start(address, namespace, node, data);
      case "content-block-delta": {
        // Per-token fast path: a text or reasoning fragment, applied without an operation object.
        const type = textFragmentType(data);
        if (type === undefined) return this.#applyBlockEvent(address, namespace, node, data);
        const message = this.#messageAt(address, namespace, node);
        message.appendText(data.index as number, type, (data.delta as Record<string, string>)[type]!);
        return message;
      }
      case "content-block-start":
      case "content-block-finish":
        return this.#applyBlockEvent(address, namespace, node, data);
      case "usage":
      case "message-finish":
      case "error":
        return this.#close(address, data);
      default:
        return undefined;
    }
  }

  /** The latest message with this id, if any. */
  get(id: string): AssembledMessage | undefined {
    return this.#byId.get(id);
  }

  /**
   * Forgets a finished message: `get(id)` no longer returns it and the assembler stops holding its
   * content. A message still streaming is kept. Long conversations call this once a message is done.
   *
   * @example
   * if (message.status !== "streaming" && message.id !== undefined) assembler.forget(message.id);
   */
  forget(id: string): void {
    const message = this.#byId.get(id);
    if (message !== undefined && message.status !== "streaming") this.#byId.delete(id);
  }

  /** Forgets every message (e.g. when a thread is switched). */
  reset(): void {
    this.#active.clear();
    this.#byId.clear();
  }

  /**
   * The address of `(namespace, node)`. Consecutive events of one message share it, so the last
   * one is reused when the segments match instead of joining the namespace per token.
   */
  #addressOf(namespace: Namespace, node: string | undefined): string {
    const last = this.#lastNamespace;
    if (node === this.#lastNode && last !== undefined && namespacesEqual(last, namespace)) return this.#lastAddress;
    if (this.#counters) this.#counters.addressBuilds += 1;
    const address = messageAddress(namespace, node);
    this.#lastNamespace = namespace;
    this.#lastNode = node;
    this.#lastAddress = address;
    return address;
  }

  #applyBlockEvent(
    address: string,
    namespace: Namespace,
    node: string | undefined,
    data: Record<string, unknown>,
  ): MessageState | undefined {
    const operation = readBlockOperation(data);
    if (operation === undefined) return undefined;
    const message = this.#messageAt(address, namespace, node);
    applyBlockOperation(message, operation);
    return message;
  }

  #start(
    address: string,
    namespace: Namespace,
    node: string | undefined,
    data: Record<string, unknown>,
  ): MessageState {
    const message = new MessageState(
      {
        id: typeof data.id === "string" ? data.id : undefined,
        namespace,
        node,
        role: readRole(data.role),
        toolCallId: typeof data.tool_call_id === "string" ? data.tool_call_id : undefined,
        metadata: isRecord(data.metadata) ? data.metadata : undefined,
        usage: readUsage(data.usage),
      },
      this.#counters,
    );
    this.#active.set(address, message);
    if (message.id !== undefined) this.#byId.set(message.id, message);
    return message;
  }

  /** The message streaming at `address`; a late subscriber that missed `message-start` gets an id-less AI one. */
  #messageAt(address: string, namespace: Namespace, node: string | undefined): MessageState {
    const active = this.#active.get(address);
    if (active !== undefined) return active;
    const message = new MessageState(
      {
        id: undefined,
        namespace,
        node,
        role: "ai",
        toolCallId: undefined,
        metadata: undefined,
        usage: undefined,
      },
      this.#counters,
    );
    this.#active.set(address, message);
    return message;
  }

  /** `usage`, `message-finish` and `error` apply to the open message only. */
  #close(address: string, data: Record<string, unknown>): MessageState | undefined {
    const message = this.#active.get(address);
    if (message === undefined) return undefined;
    if (data.event === "usage") {
      const usage = readUsage(data.usage);
      if (usage === undefined) return undefined;
      message.setUsage(usage);
      return message;
    }
    this.#active.delete(address);
    if (data.event === "error") {
      const text = typeof data.message === "string" ? data.message : "Message stream failed";
      message.fail(typeof data.code === "string" ? { message: text, code: data.code } : { message: text });
    } else {
      message.complete(
        typeof data.reason === "string" ? data.reason : undefined,
        readUsage(data.usage),
        isRecord(data.responseMetadata) ? data.responseMetadata : undefined,
      );
    }
    return message;
  }
}
