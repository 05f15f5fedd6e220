/**
 * Merges an authoritative `values` message list into the messages the controller shows.
 */
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import { coerceMessages } from "../assembly/values-messages";

/** Counts non-constant work, for tests that prove a re-sent list costs O(changes). */
export interface ReconcileWorkCounters {
  /** Raw entries converted to message instances. */
  conversions: number;
  /** Raw entries handled by the keyed (map-building) path after the unchanged prefix. */
  keyedEntries: number;
}

/** What one {@link ValuesReconciler.reconcile} changed. */
export interface ReconcileResult {
  /** The merged list; `current` itself when nothing changed. */
  readonly messages: readonly BaseMessage[];
  readonly changed: boolean;
  /** `messages[index] === current[index]` for every index below this one. */
  readonly unchangedPrefix: number;
  /** Ids the values list gained. */
  readonly added: readonly string[];
  /** Ids the values list lost. */
  readonly removed: readonly string[];
}

/**
 * What an entry of the previous list produced: the instance it was converted to, `"streamed"` when
 * the shown streamed copy was kept instead, `"skipped"` when it is not message-like, `"repeated"`
 * when an earlier entry had its id.
 */
type EntryOutput = BaseMessage | "streamed" | "skipped" | "repeated";

/** A previous entry the keyed path may reuse. */
interface PreviousEntry {
  readonly raw: unknown;
  readonly output: EntryOutput;
}

function rawId(raw: unknown): string | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const record = raw as { id?: unknown; kwargs?: { id?: unknown }; lc?: unknown };
  if (typeof record.id === "string") return record.id;
  // A serialized `{lc, type: "constructor", id: [...path], kwargs}` keeps the message id in kwargs.
  if (record.lc === 1 && typeof record.kwargs?.id === "string") return record.kwargs.id;
  return undefined;
}

/**
 * Structural equality of JSON-like values, exiting at the first difference. Instances of classes
 * compare by identity. Allocates nothing, so comparing a re-sent list costs less than parsing it.
 *
 * @example
 * jsonEqual({ a: [1, "x"] }, { a: [1, "x"] }); // true
 */
export function jsonEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== "object" || typeof right !== "object" || left === null || right === null) {
    // NaN is the one value not equal to itself.
    return left !== left && right !== right;
  }
  return Array.isArray(left) ? arraysEqual(left, right) : recordsEqual(left, right);
}

function arraysEqual(left: readonly unknown[], right: object): boolean {
  if (!Array.isArray(right) || left.length !== right.length) return false;
  for (let index = 0; index < left.length; index += 1) {
    const value: unknown = left[index];
    if (value !== right[index] && !jsonEqual(value, right[index])) return false;
  }
  return true;
}

function recordsEqual(left: object, right: object): boolean {
  if (Array.isArray(right)) return false;
  const prototype: unknown = Object.getPrototypeOf(left);
  if (prototype !== Object.getPrototypeOf(right) || (prototype !== Object.prototype && prototype !== null)) return false;
  const leftRecord = left as Record<string, unknown>;
  const rightRecord = right as Record<string, unknown>;
  // Both share a plain prototype, so inherited keys (if any) are counted alike on both sides.
  let keys = 0;
  for (const key in leftRecord) {
    const value = leftRecord[key];
    const other = rightRecord[key];
    if (value !== other) {
      if (!jsonEqual(value, other)) return false;
    } else if (value === undefined && !(key in rightRecord)) return false;
    keys += 1;
  }
  for (const _key in rightRecord) keys -= 1;
  return keys === 0;
}

function convert(raw: unknown, counters: ReconcileWorkCounters | undefined): BaseMessage | undefined {
  if (counters) counters.conversions += 1;
  return coerceMessages([raw])[0];
}

/**
 * Values payloads carry no token usage; the streamed copy they replace does. `message` is a fresh
 * instance nobody has seen yet, so it can take the usage over.
 */
function keepStreamedUsage(message: BaseMessage, shown: BaseMessage | undefined): void {
  if (shown === undefined || !AIMessage.isInstance(message) || !AIMessage.isInstance(shown)) return;
  if (message.usage_metadata === undefined && shown.usage_metadata !== undefined) message.usage_metadata = shown.usage_metadata;
}

/**
 * Merges successive values message lists into the shown messages. The values list decides order
 * and membership; a message whose raw entry did not change keeps its instance (no conversion, no
 * new object); a message still streaming keeps its streamed copy; messages never confirmed by values
 * (optimistic input, a reply still streaming) stay at the end; an id the previous list held and this
 * one lacks is removed, so an empty list clears every confirmed message.
 *
 * A server re-sends the whole list every superstep, so the cost is O(changes), not O(list): the new
 * and previous lists are walked in lockstep while their entries are equal and the shown instances
 * are the ones produced last time; maps are built only for the tail after the first difference.
 *
 * @example
 * const reconciler = new ValuesReconciler();
 * const { messages, added } = reconciler.reconcile(shown, values.messages, (id) => streaming.has(id));
 */
export class ValuesReconciler {
  /**
   * The previous list. An entry equal to its predecessor keeps the predecessor: the instance made
   * from it shares its strings, so holding the new copy too would store every text twice.
   */
  readonly #raws: unknown[] = [];
  /** What each entry of `#raws` produced (see {@link EntryOutput}). */
  #outputs: EntryOutput[] = [];
  readonly #valueIds = new Set<string>();
  readonly #counters: ReconcileWorkCounters | undefined;

  constructor(counters?: ReconcileWorkCounters) {
    this.#counters = counters;
  }

  /** Ids of the last values list (updated in place by each reconcile). */
  get valueIds(): ReadonlySet<string> {
    return this.#valueIds;
  }

  /** Forgets the previous list (thread switch). */
  reset(): void {
    this.#raws.length = 0;
    this.#outputs = [];
    this.#valueIds.clear();
  }

  /**
   * Merges `incoming` (the raw `values[messagesKey]` list: dicts, serialized objects or instances)
   * into `current` (the messages shown now). `isStreaming(id)`: the id's streamed copy is still
   * receiving tokens, so the shown instance is kept.
   */
  reconcile(
    current: readonly BaseMessage[],
    incoming: readonly unknown[],
    isStreaming: (id: string) => boolean,
  ): ReconcileResult {
    const { entry, shown } = this.#unchangedPrefix(current, incoming, isStreaming);
    const tail = this.#reconcileTail(current, incoming, entry, shown, isStreaming);
    this.#raws.length = entry;
    this.#outputs.length = entry;
    for (let index = 0; index < tail.outputs.length; index += 1) {
      this.#raws.push(tail.raws[index]);
      this.#outputs.push(tail.outputs[index]!);
    }
    let changed = shown + tail.messages.length !== current.length;
    for (let index = 0; !changed && index < tail.messages.length; index += 1) {
      changed = tail.messages[index] !== current[shown + index];
    }
    const messages = changed ? current.slice(0, shown).concat(tail.messages) : current;
    return { messages, changed, unchangedPrefix: shown, added: tail.added, removed: tail.removed };
  }

  /**
   * How far the new list repeats the previous one: entry `entry` is the first that differs, and
   * the first `shown` shown messages are the instances those equal entries produced.
   */
  #unchangedPrefix(
    current: readonly BaseMessage[],
    incoming: readonly unknown[],
    isStreaming: (id: string) => boolean,
  ): { entry: number; shown: number } {
    const previous = this.#raws;
    const outputs = this.#outputs;
    const limit = Math.min(previous.length, incoming.length);
    let entry = 0;
    let shown = 0;
    for (; entry < limit; entry += 1) {
      const raw = incoming[entry];
      if (!jsonEqual(previous[entry], raw)) break;
      const output = outputs[entry];
      if (output === "skipped" || output === "repeated") continue;
      const message = current[shown];
      if (message === undefined) break;
      // A kept streamed copy is only right while it still streams; then the keyed path decides.
      if (output === "streamed" ? rawId(raw) !== message.id || !isStreaming(message.id!) : message !== output) break;
      shown += 1;
    }
    return { entry, shown };
  }

  /** The old algorithm, over the entries from `fromEntry` and the shown messages from `fromShown`. */
  #reconcileTail(
    current: readonly BaseMessage[],
    incoming: readonly unknown[],
    fromEntry: number,
    fromShown: number,
    isStreaming: (id: string) => boolean,
  ): { messages: BaseMessage[]; raws: unknown[]; outputs: EntryOutput[]; added: string[]; removed: string[] } {
    const messages: BaseMessage[] = [];
    const raws: unknown[] = [];
    const outputs: EntryOutput[] = [];
    if (fromEntry === incoming.length && fromEntry === this.#raws.length && fromShown === current.length) {
      return { messages, raws, outputs, added: [], removed: [] };
    }
    const counters = this.#counters;
    const previousById = this.#previousTail(fromEntry);
    const shownById = new Map<string, BaseMessage>();
    for (let index = fromShown; index < current.length; index += 1) {
      const message = current[index]!;
      if (typeof message.id === "string") shownById.set(message.id, message);
    }
    const tailIds = new Set<string>();
    const added: string[] = [];
    for (let index = fromEntry; index < incoming.length; index += 1) {
      if (counters) counters.keyedEntries += 1;
      const raw = incoming[index];
      raws.push(raw);
      const id = rawId(raw);
      if (id === undefined) {
        const message = convert(raw, counters);
        outputs.push(message ?? "skipped");
        if (message !== undefined) messages.push(message);
        continue;
      }
      // A repeated id: the first entry wins (ids of the unchanged prefix are listed and not in the old tail).
      if (tailIds.has(id) || (this.#valueIds.has(id) && !previousById.has(id))) {
        outputs.push("repeated");
        continue;
      }
      tailIds.add(id);
      if (!this.#valueIds.has(id)) added.push(id);
      const shown = shownById.get(id);
      if (shown !== undefined && isStreaming(id)) {
        outputs.push("streamed");
        messages.push(shown);
        continue;
      }
      const previous = previousById.get(id);
      if (previous !== undefined && typeof previous.output === "object" && jsonEqual(previous.raw, raw)) {
        raws[raws.length - 1] = previous.raw;
        outputs.push(previous.output);
        messages.push(previous.output);
        continue;
      }
      const message = convert(raw, counters);
      outputs.push(message ?? "skipped");
      if (message === undefined) continue;
      keepStreamedUsage(message, shown);
      messages.push(message);
    }
    const removed: string[] = [];
    for (const id of previousById.keys()) if (!tailIds.has(id)) removed.push(id);
    // Shown messages values never confirmed stay at the end; ones the previous list held were removed.
    for (let index = fromShown; index < current.length; index += 1) {
      const id = current[index]!.id;
      if (typeof id === "string" && !tailIds.has(id) && !this.#valueIds.has(id)) messages.push(current[index]!);
    }
    for (const id of removed) this.#valueIds.delete(id);
    for (const id of added) this.#valueIds.add(id);
    return { messages, raws, outputs, added, removed };
  }

  /** Ids first listed in the previous list at or after `fromEntry`, with their entries. */
  #previousTail(fromEntry: number): Map<string, PreviousEntry> {
    const byId = new Map<string, PreviousEntry>();
    for (let index = fromEntry; index < this.#raws.length; index += 1) {
      const output = this.#outputs[index]!;
      if (output === "repeated") continue;
      const raw = this.#raws[index];
      const id = rawId(raw);
      if (id !== undefined) byId.set(id, { raw, output });
    }
    return byId;
  }
}
