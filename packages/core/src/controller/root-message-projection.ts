/**
 * The root conversation: streamed `messages` events merged with authoritative `values` snapshots.
 */
import type { BaseMessage } from "@langchain/core/messages";
import { MessageAssembler } from "../assembly/message-assembler";
import type { AssembledMessage } from "../assembly/types";
import type { ProtocolEvent } from "../protocol/types";
import { ValuesReconciler, type ReconcileWorkCounters } from "./message-reconciliation";

const NO_IDS: ReadonlySet<string> = new Set();

/** What a flush publishes; the same references as the previous flush when nothing changed. */
export interface PublishedConversation {
  readonly messages: readonly BaseMessage[];
  readonly values: Record<string, unknown>;
}

/** How a values list changed the set of confirmed ids. */
export interface ValuesIdChange {
  /** Ids to record as first seen now. */
  readonly added: readonly string[];
  /** Ids that left the values list. */
  readonly removed: readonly string[];
}

const EMPTY_MESSAGES: readonly BaseMessage[] = Object.freeze([]);
const NO_CHANGE: ValuesIdChange = Object.freeze({ added: [], removed: [] });

/**
 * Keeps `messages` and `values` of the root snapshot. Per token it does O(1) work: the assembler
 * appends the fragment and the message is marked dirty. The shown array is copied at most once per
 * flush and only the dirty messages are converted to `BaseMessage` instances then, so a burst of
 * tokens costs one array copy and one conversion per touched message.
 *
 * @example
 * const conversation = new RootMessageProjection("messages", () => scheduler.markDirty(commit));
 * conversation.handleMessageEvent(event);
 * const { messages, values } = conversation.flush();
 */
export class RootMessageProjection {
  readonly #messagesKey: string;
  readonly #onChange: () => void;
  #assembler = new MessageAssembler();
  /** Shown messages; shared with the last published array until the first write after a flush. */
  #working: BaseMessage[] = [];
  #ownsWorking = true;
  #published: readonly BaseMessage[] = EMPTY_MESSAGES;
  #indexById = new Map<string, number>();
  readonly #dirty = new Set<AssembledMessage>();
  #structureChanged = false;
  #rawValues: Record<string, unknown>;
  #publishedValues: Record<string, unknown>;
  #valuesChanged = false;
  readonly #reconciler: ValuesReconciler;
  /** Ids confirmed by values applied without a caller to report them to (initial values). */
  #unreported = false;
  /** Ids loaded from stored state: a replay of their stream must not overwrite them. */
  readonly #sealed = new Set<string>();
  /** Partial messages of a stopped or left run (see `abandonStreams`). */
  #abandoned = new Set<string>();

  constructor(
    messagesKey: string,
    initialValues: Record<string, unknown>,
    onChange: () => void,
    counters?: ReconcileWorkCounters,
  ) {
    this.#messagesKey = messagesKey;
    this.#onChange = onChange;
    this.#reconciler = new ValuesReconciler(counters);
    this.#rawValues = initialValues;
    this.#publishedValues = initialValues;
    this.#applyInitial(initialValues);
  }

  /** Ids of the last values list. */
  get valueIds(): ReadonlySet<string> {
    return this.#reconciler.valueIds;
  }

  /** The messages shown now, pending stream changes included (not necessarily published yet). */
  currentMessages(): readonly BaseMessage[] {
    this.#flushDirtyIntoWorking();
    return this.#working;
  }

  /** Whether a streamed message with this id is still receiving content. */
  isStreaming(id: string): boolean {
    return this.#assembler.get(id)?.status === "streaming";
  }

  /** Applies one root `messages` event (token, block, start or finish). */
  handleMessageEvent(event: ProtocolEvent): void {
    const message = this.#assembler.consume(event);
    const id = message?.id;
    if (message === undefined || id === undefined) return;
    // Only `isStreaming` looks a message up again, and it is false for a finished one either way:
    // the assembler need not hold every message of a long thread (regression: it kept them all).
    if (message.status !== "streaming") this.#assembler.forget(id);
    if (this.#sealed.has(id)) return;
    if (!this.#indexById.has(id)) {
      this.#writable().push(message.toBaseMessage());
      this.#indexById.set(id, this.#working.length - 1);
      this.#structureChanged = true;
    } else {
      this.#dirty.add(message);
    }
    this.#onChange();
  }

  /**
   * Applies a root `values` payload: state keys, and the message list when it carries one. Returns
   * the ids the list gained (every listed id the first time after initial values) and lost.
   */
  applyValues(values: Record<string, unknown>): ValuesIdChange {
    return this.#applyValues(values, this.#isStreaming);
  }

  /**
   * Loads stored state. It is authoritative, also over streamed copies whose stream was cut off
   * (`disconnect`), and its message ids are sealed against replays of their streams.
   */
  seed(values: Record<string, unknown>): ValuesIdChange {
    const change = this.#applyValues(values, () => false);
    for (const id of this.valueIds) this.#sealed.add(id);
    return change;
  }

  /** Shows messages the user just submitted, until the server's echo replaces them by id. */
  appendOptimistic(messages: readonly BaseMessage[], extraValues: Record<string, unknown>): void {
    if (messages.length === 0 && Object.keys(extraValues).length === 0) return;
    const working = this.#writable();
    for (const message of messages) {
      if (typeof message.id !== "string" || this.#indexById.has(message.id)) continue;
      working.push(message);
      this.#indexById.set(message.id, working.length - 1);
      this.#structureChanged = true;
    }
    if (Object.keys(extraValues).length > 0) {
      this.#rawValues = { ...this.#rawValues, ...extraValues };
      this.#valuesChanged = true;
    }
    this.#onChange();
  }

  /**
   * The run streaming into this conversation was stopped or left (`stop`, `disconnect`): its
   * partial messages stay shown but no longer count as streaming, so the server's values win from
   * now on, and {@link RootMessageProjection.dropAbandoned} removes the ones the server never stored.
   */
  abandonStreams(): void {
    this.#flushDirtyIntoWorking();
    const valueIds = this.valueIds;
    for (const message of this.#working) {
      const id = message.id;
      if (typeof id === "string" && this.isStreaming(id) && !valueIds.has(id)) this.#abandoned.add(id);
    }
    this.#assembler = new MessageAssembler();
  }

  /** Marks messages to drop at the next run start unless the server confirms them (unsent input). */
  abandonMessages(ids: Iterable<string>): void {
    for (const id of ids) this.#abandoned.add(id);
  }

  /** Removes abandoned messages the server has not confirmed (a new run starts); returns their ids. */
  dropAbandoned(): ReadonlySet<string> {
    if (this.#abandoned.size === 0) return NO_IDS;
    const abandoned = this.#abandoned;
    this.#abandoned = new Set();
    const dropped = new Set([...abandoned].filter((id) => !this.valueIds.has(id)));
    this.remove(dropped);
    return dropped;
  }

  /** Removes streamed messages values never confirmed (a replaced run's partial reply), except `keep` ones. */
  dropUnconfirmed(keep: (id: string) => boolean): void {
    const valueIds = this.valueIds;
    const kept = this.#working.filter(
      (message) => typeof message.id !== "string" || valueIds.has(message.id) || keep(message.id),
    );
    if (kept.length === this.#working.length) return;
    this.#replaceWorking(kept);
    this.#onChange();
  }

  /**
   * Removes the first message for which `isForkPoint` holds and every message after it: a run
   * forked from the checkpoint before that message replaces this tail.
   */
  truncateAt(isForkPoint: (message: BaseMessage) => boolean): void {
    const index = this.#working.findIndex(isForkPoint);
    if (index < 0) return;
    this.#replaceWorking(this.#working.slice(0, index));
    this.#onChange();
  }

  /** Removes messages by id (optimistic input the server never accepted). */
  remove(ids: ReadonlySet<string>): void {
    if (ids.size === 0) return;
    const kept = this.#working.filter((message) => typeof message.id !== "string" || !ids.has(message.id));
    if (kept.length === this.#working.length) return;
    this.#replaceWorking(kept);
    this.#onChange();
  }

  /** Forgets everything (thread switch) and starts again from `values`. */
  reset(values: Record<string, unknown>): void {
    this.#assembler = new MessageAssembler();
    this.#working = [];
    this.#ownsWorking = true;
    this.#published = EMPTY_MESSAGES;
    this.#indexById = new Map();
    this.#dirty.clear();
    this.#reconciler.reset();
    this.#sealed.clear();
    this.#abandoned = new Set();
    this.#structureChanged = false;
    this.#rawValues = values;
    this.#publishedValues = values;
    this.#valuesChanged = false;
    this.#unreported = false;
    this.#applyInitial(values);
  }

  /** Publishes pending changes: one array copy at most, one conversion per touched message. */
  flush(): PublishedConversation {
    const messagesChanged = this.#structureChanged || this.#dirty.size > 0;
    this.#flushDirtyIntoWorking();
    if (messagesChanged) {
      this.#published = this.#working;
      this.#ownsWorking = false;
      this.#structureChanged = false;
    }
    if (messagesChanged || this.#valuesChanged) {
      const hasMessages = this.#published.length > 0 || this.#messagesKey in this.#rawValues;
      this.#publishedValues = hasMessages
        ? { ...this.#rawValues, [this.#messagesKey]: this.#published }
        : this.#rawValues;
      this.#valuesChanged = false;
    }
    return { messages: this.#published, values: this.#publishedValues };
  }

  readonly #isStreaming = (id: string): boolean => this.isStreaming(id);

  /** Initial values are shown; their ids are reported by the first values applied afterwards. */
  #applyInitial(values: Record<string, unknown>): void {
    const messages = values[this.#messagesKey];
    if (!Array.isArray(messages) || messages.length === 0) return;
    this.#applyValues(values, this.#isStreaming);
    this.#unreported = true;
  }

  #applyValues(values: Record<string, unknown>, isStreaming: (id: string) => boolean): ValuesIdChange {
    const incoming = values[this.#messagesKey];
    // The raw list is not kept: published values carry the shown messages under this key instead.
    this.#rawValues = Array.isArray(incoming) ? { ...values, [this.#messagesKey]: EMPTY_MESSAGES } : values;
    this.#valuesChanged = true;
    const change = Array.isArray(incoming) ? this.#reconcile(incoming, isStreaming) : NO_CHANGE;
    this.#onChange();
    if (!this.#unreported) return change;
    this.#unreported = false;
    return { added: [...this.valueIds], removed: change.removed };
  }

  #reconcile(incoming: readonly unknown[], isStreaming: (id: string) => boolean): ValuesIdChange {
    this.#flushDirtyIntoWorking();
    const result = this.#reconciler.reconcile(this.#working, incoming, isStreaming);
    // Seals of messages that left the conversation are dropped: the set stays bounded.
    for (const id of result.removed) this.#sealed.delete(id);
    if (result.changed) this.#replaceTail(result.messages as BaseMessage[], result.unchangedPrefix);
    return { added: result.added, removed: result.removed };
  }

  /** Converts pending streamed changes first, so reconciliation compares current instances. */
  #flushDirtyIntoWorking(): void {
    if (this.#dirty.size === 0) return;
    const working = this.#writable();
    for (const message of this.#dirty) {
      const index = this.#indexById.get(message.id ?? "");
      if (index !== undefined) working[index] = message.toBaseMessage();
    }
    this.#dirty.clear();
    this.#structureChanged = true;
  }

  /** Like `#replaceWorking` for a list whose first `from` messages are unchanged: O(tail) index updates. */
  #replaceTail(messages: BaseMessage[], from: number): void {
    const index = this.#indexById;
    const previous = this.#working;
    for (let position = from; position < previous.length; position += 1) {
      const id = previous[position]!.id;
      if (typeof id === "string" && index.get(id) === position) index.delete(id);
    }
    for (let position = from; position < messages.length; position += 1) {
      const id = messages[position]!.id;
      if (typeof id === "string") index.set(id, position);
    }
    this.#working = messages;
    this.#ownsWorking = true;
    this.#structureChanged = true;
  }

  #replaceWorking(messages: BaseMessage[]): void {
    this.#working = messages;
    this.#ownsWorking = true;
    this.#indexById = new Map();
    messages.forEach((message, index) => {
      if (typeof message.id === "string") this.#indexById.set(message.id, index);
    });
    this.#structureChanged = true;
  }

  /** The working array, copied first if the last flush published it (copy-on-write). */
  #writable(): BaseMessage[] {
    if (!this.#ownsWorking) {
      this.#working = this.#working.slice();
      this.#ownsWorking = true;
    }
    return this.#working;
  }
}
