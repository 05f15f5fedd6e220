/**
 * Casing aliases for human-in-the-loop payloads, which Python graphs write in snake_case and
 * JavaScript graphs in camelCase.
 */
import { isRecord } from "../assembly/json";

type AliasPair = readonly [camelCase: string, snakeCase: string];

const REQUEST_KEYS: readonly AliasPair[] = [
  ["actionRequests", "action_requests"],
  ["reviewConfigs", "review_configs"],
];
const ITEM_KEYS: readonly AliasPair[] = [
  ["name", "action_name"],
  ["allowedDecisions", "allowed_decisions"],
];
const DECISION_KEYS: readonly AliasPair[] = [["editedAction", "edited_action"]];

/** A copy of `record` carrying each pair under both names (the camelCase value wins); `record` when nothing changes. */
function withAliases(record: Record<string, unknown>, pairs: readonly AliasPair[]): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const [camelCase, snakeCase] of pairs) {
    const value = record[camelCase] !== undefined ? record[camelCase] : record[snakeCase];
    if (value === undefined || (record[camelCase] === value && record[snakeCase] === value)) continue;
    copy ??= { ...record };
    copy[camelCase] = value;
    copy[snakeCase] = value;
  }
  return copy ?? record;
}

function aliasItems(value: unknown, pairs: readonly AliasPair[]): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((item) => (isRecord(item) ? withAliases(item, pairs) : item));
}

/**
 * An interrupt payload as the UI reads it: a human-in-the-loop request (`actionRequests` /
 * `action_requests`, `reviewConfigs` / `review_configs`) carries each field under both casings,
 * and so do its items (`name` / `action_name`, `allowedDecisions` / `allowed_decisions`). Any other
 * value is returned as is. Never mutates its input.
 *
 * @example
 * normalizeInterruptValue({ action_requests: [{ action_name: "send", args: {} }] }).actionRequests[0].name; // "send"
 */
export function normalizeInterruptValue(value: unknown): unknown {
  if (!isRecord(value) || !REQUEST_KEYS.some(([camel, snake]) => camel in value || snake in value)) return value;
  const result = { ...value };
  for (const [camelCase, snakeCase] of REQUEST_KEYS) {
    const items = value[camelCase] !== undefined ? value[camelCase] : value[snakeCase];
    if (items === undefined) continue;
    // One array under both keys, so an edit through either name is seen through the other.
    const aliased = aliasItems(items, ITEM_KEYS);
    result[camelCase] = aliased;
    result[snakeCase] = aliased;
  }
  return result;
}

/**
 * A resume value as the server expects it: in `{ decisions: [...] }`, each edit decision carries its
 * edited action as both `editedAction` and `edited_action`. Any other value is returned as is.
 *
 * @example
 * normalizeInterruptResponse({ decisions: [{ type: "edit", editedAction: { name: "send", args: {} } }] });
 * // { decisions: [{ type: "edit", editedAction: {...}, edited_action: {...} }] }
 */
export function normalizeInterruptResponse(response: unknown): unknown {
  if (!isRecord(response) || !Array.isArray(response.decisions)) return response;
  return { ...response, decisions: aliasItems(response.decisions, DECISION_KEYS) };
}
