/**
 * Server-side event filtering, as the agent server applies it to each event connection
 * (protocol §4: channel match, namespace prefixes with `name` or `name:suffix` segments, depth).
 */

/** The filter a client sends when it opens an event connection. */
export interface WireFilter {
  readonly channels: readonly string[];
  readonly namespaces?: readonly (readonly string[])[];
  readonly depth?: number;
}

/** The channel an event travels on: its method, `input.requested` → `input`, named custom → `custom:<name>`. */
export function channelOf(method: string, data: unknown): string | undefined {
  switch (method) {
    case "values":
    case "updates":
    case "checkpoints":
    case "messages":
    case "tools":
    case "lifecycle":
    case "tasks":
      return method;
    case "input.requested":
      return "input";
    case "custom": {
      const name = (data as { name?: unknown } | null)?.name;
      return typeof name === "string" ? `custom:${name}` : "custom";
    }
    default:
      return undefined;
  }
}

function channelMatches(channels: readonly string[], channel: string): boolean {
  if (channels.includes(channel)) return true;
  return channel.startsWith("custom:") && channels.includes("custom");
}

function segmentMatches(prefixSegment: string, segment: string): boolean {
  if (prefixSegment === segment) return true;
  if (prefixSegment.includes(":")) return false;
  const colon = segment.indexOf(":");
  return colon >= 0 && segment.slice(0, colon) === prefixSegment;
}

function namespaceMatches(filter: WireFilter, namespace: readonly string[]): boolean {
  const prefixes = filter.namespaces;
  if (prefixes === undefined || prefixes.length === 0) return true;
  return prefixes.some((prefix) => {
    if (prefix.length > namespace.length) return false;
    for (let index = 0; index < prefix.length; index += 1) {
      if (!segmentMatches(prefix[index]!, namespace[index]!)) return false;
    }
    return filter.depth === undefined || namespace.length - prefix.length <= filter.depth;
  });
}

/** Whether an event on `channel` in `namespace` passes `filter`. */
export function filterAccepts(filter: WireFilter, channel: string | undefined, namespace: readonly string[]): boolean {
  return channel !== undefined && channelMatches(filter.channels, channel) && namespaceMatches(filter, namespace);
}
