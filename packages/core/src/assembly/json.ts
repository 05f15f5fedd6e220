/**
 * Tolerant JSON helpers shared by the assemblers: tool arguments stream as partial JSON,
 * and tool inputs/outputs often arrive as JSON text.
 */

/** True for plain objects (not arrays, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True when `text` starts like a JSON object or array (after leading whitespace). */
function looksLikeJson(text: string): boolean {
  const trimmed = text.trimStart();
  return trimmed.startsWith("{") || trimmed.startsWith("[");
}

/** Parses `text` as JSON, or returns `undefined` when it is not valid JSON. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON: callers fall back to the raw value.
    return undefined;
  }
}

/** Parses JSON-looking text; any other text (or invalid JSON) is returned unchanged. */
export function parseJsonLooking(text: string): unknown {
  if (!looksLikeJson(text)) return text;
  const parsed = tryParseJson(text);
  return parsed === undefined ? text : parsed;
}

const MAX_REPAIR_ATTEMPTS = 8;

interface ScanResult {
  closers: string;
  inString: boolean;
  /** Position of the last `,`, `{` or `[` outside strings, -1 when none. */
  lastBoundary: number;
}

function scanStructure(text: string): ScanResult {
  const stack: string[] = [];
  let inString = false;
  let escaped = false;
  let lastBoundary = -1;
  for (let position = 0; position < text.length; position += 1) {
    const character = text[position];
    if (inString) {
      if (escaped) escaped = false;
      else if (character === "\\") escaped = true;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === '"') inString = true;
    else if (character === "{" || character === "[") {
      stack.push(character === "{" ? "}" : "]");
      lastBoundary = position;
    } else if (character === "}" || character === "]") stack.pop();
    else if (character === ",") lastBoundary = position;
  }
  return { closers: stack.reverse().join(""), inString, lastBoundary };
}

/**
 * Best-effort parse of possibly truncated JSON (streamed tool arguments).
 * Complete JSON parses normally; truncated JSON is closed and trimmed back to its last
 * complete member. Returns `undefined` when nothing sensible can be recovered.
 *
 * @example
 * parsePartialJson('{"city": "San Fr'); // { city: "San Fr" }
 */
export function parsePartialJson(text: string): unknown {
  const complete = tryParseJson(text);
  if (complete !== undefined) return complete;
  let candidate = text;
  for (let attempt = 0; attempt < MAX_REPAIR_ATTEMPTS; attempt += 1) {
    const scan = scanStructure(candidate);
    if (scan.closers === "" && !scan.inString) return undefined;
    const closed = tryParseJson(candidate + (scan.inString ? '"' : "") + scan.closers);
    if (closed !== undefined) return closed;
    if (scan.lastBoundary < 0) return undefined;
    const boundary = candidate[scan.lastBoundary];
    // Drop the trailing incomplete member: cut before a comma, or just after an opener.
    candidate = candidate.slice(0, boundary === "," ? scan.lastBoundary : scan.lastBoundary + 1);
  }
  return undefined;
}

/**
 * Tool-call arguments as an object: objects pass through, strings are parsed
 * (partially if truncated), anything else becomes `{}`.
 */
export function toArgumentsObject(value: unknown): Record<string, unknown> | undefined {
  if (isRecord(value)) return value;
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const parsed = parsePartialJson(value);
  return isRecord(parsed) ? parsed : undefined;
}
