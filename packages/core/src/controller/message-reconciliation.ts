/**
 * Merges an authoritative `values` message list into the messages the controller shows.
 */
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import { coerceMessages } from "../assembly/values-messages";

/** A values message already converted, with the raw entry it came from. */
export interface CachedValuesMessage {
  readonly raw: unknown;
  readonly message: BaseMessage;
}

/** Inputs of {@link reconcileValuesMessages}. */
export interface ReconcileValuesInput {
  /** The messages shown now. */
  readonly current: readonly BaseMessage[];
  /** The raw list from `values[messagesKey]` (dicts, serialized objects or instances). */
  readonly incoming: readonly unknown[];
  /** Ids the previous values list held: a shown id missing from `incoming` but listed here was removed. */
  readonly previousValueIds: ReadonlySet<string>;
  /** Conversion cache by id; updated and pruned to the ids of `incoming`. */
  readonly cache: Map<string, CachedValuesMessage>;
  /** Ids whose streamed copy is still receiving tokens: the shown instance is kept. */
  readonly isStreaming: (id: string) => boolean;
}

/** Result of {@link reconcileValuesMessages}. */
export interface ReconcileValuesResult {
  /** The merged list; `current` itself when nothing changed. */
  readonly messages: readonly BaseMessage[];
  readonly changed: boolean;
  /** Ids of `incoming`, for the next call's `previousValueIds`. */
  readonly valueIds: Set<string>;
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
 * compare by identity.
 *
 * @example
 * jsonEqual({ a: [1, "x"] }, { a: [1, "x"] }); // true
 */
export function jsonEqual(left: unknown, right: unknown): boolean {
  if (Object.is(left, right)) return true;
  if (typeof left !== "object" || typeof right !== "object" || left === null || right === null) return false;
  if (Array.isArray(left)) {
    if (!Array.isArray(right) || left.length !== right.length) return false;
    for (let index = 0; index < left.length; index += 1) if (!jsonEqual(left[index], right[index])) return false;
    return true;
  }
  if (Array.isArray(right)) return false;
  if (Object.getPrototypeOf(left) !== Object.prototype || Object.getPrototypeOf(right) !== Object.prototype) return false;
  const leftKeys = Object.keys(left);
  if (leftKeys.length !== Object.keys(right).length) return false;
  for (const key of leftKeys) {
    if (!Object.prototype.hasOwnProperty.call(right, key)) return false;
    if (!jsonEqual((left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function convert(raw: unknown): BaseMessage | undefined {
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
 * Merges a values message list into the shown messages. The values list decides order and
 * membership; a message whose raw entry did not change since the last values event keeps its
 * instance (no conversion, no new object); a message still streaming keeps its streamed copy;
 * messages never confirmed by values (optimistic input, a reply still streaming) stay at the end;
 * an id the previous values list held and this one lacks is removed. An empty incoming list
 * therefore clears every confirmed message. Returns `current` itself when nothing changed.
 *
 * @example
 * const { messages, valueIds } = reconcileValuesMessages({ current, incoming, previousValueIds, cache, isStreaming });
 */
export function reconcileValuesMessages(input: ReconcileValuesInput): ReconcileValuesResult {
  const { current, incoming, previousValueIds, cache, isStreaming } = input;
  const currentById = new Map<string, BaseMessage>();
  for (const message of current) if (typeof message.id === "string") currentById.set(message.id, message);
  const valueIds = new Set<string>();
  const next: BaseMessage[] = [];
  for (const raw of incoming) {
    const id = rawId(raw);
    if (id === undefined) {
      const message = convert(raw);
      if (message !== undefined) next.push(message);
      continue;
    }
    if (valueIds.has(id)) continue;
    valueIds.add(id);
    const shown = currentById.get(id);
    if (shown !== undefined && isStreaming(id)) {
      next.push(shown);
      continue;
    }
    const cached = cache.get(id);
    if (cached !== undefined && jsonEqual(cached.raw, raw)) {
      next.push(cached.message);
      continue;
    }
    const message = convert(raw);
    if (message === undefined) continue;
    keepStreamedUsage(message, shown);
    cache.set(id, { raw, message });
    next.push(message);
  }
  for (const message of current) {
    const id = message.id;
    if (typeof id === "string" && !valueIds.has(id) && !previousValueIds.has(id)) next.push(message);
  }
  for (const id of cache.keys()) if (!valueIds.has(id)) cache.delete(id);
  let changed = next.length !== current.length;
  for (let index = 0; !changed && index < next.length; index += 1) changed = next[index] !== current[index];
  return { messages: changed ? next : current, changed, valueIds };
}
