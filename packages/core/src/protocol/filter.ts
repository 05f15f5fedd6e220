import type { Channel, Namespace, ProtocolEvent, SubscriptionFilter } from "./types";

/** Separator used to build map keys from namespaces; NUL cannot occur in a segment. */
export const NAMESPACE_SEPARATOR = "\u0000";

/** Turns a namespace into a collision-free map key. */
export function namespaceKey(namespace: Namespace): string {
  return namespace.join(NAMESPACE_SEPARATOR);
}

/** Whether two namespaces have the same segments (no wildcards). */
export function namespacesEqual(left: Namespace, right: Namespace): boolean {
  if (left === right) return true;
  if (left.length !== right.length) return false;
  for (let index = 0; index < left.length; index += 1) if (left[index] !== right[index]) return false;
  return true;
}

/**
 * The channel an event belongs to, or `undefined` for methods no filter matches
 * (forward compatibility: unknown methods are dropped by every filter).
 */
export function channelOfEvent(event: ProtocolEvent): Channel | undefined {
  switch (event.method) {
    case "values":
    case "updates":
    case "messages":
    case "tools":
    case "lifecycle":
    case "checkpoints":
    case "tasks":
      return event.method;
    case "input.requested":
      return "input";
    case "custom": {
      const name = (event.params.data as { name?: unknown } | null)?.name;
      return typeof name === "string" ? `custom:${name}` : "custom";
    }
    default:
      return undefined;
  }
}

/** Whether a filter's `channels` accept `channel` (`"custom"` accepts every `custom:<name>`). */
export function channelMatches(channels: readonly Channel[], channel: Channel): boolean {
  for (const wanted of channels) {
    if (wanted === channel) return true;
    if (wanted === "custom" && channel.startsWith("custom:")) return true;
  }
  return false;
}

function segmentMatches(prefixSegment: string, segment: string): boolean {
  if (prefixSegment === segment) return true;
  if (prefixSegment.includes(":")) return false;
  const colon = segment.indexOf(":");
  return colon >= 0 && segment.slice(0, colon) === prefixSegment;
}

/** Whether `namespace` is matched by `prefix` (literal or `name` for `name:<id>`) within `depth`. */
export function namespaceMatches(prefix: Namespace, namespace: Namespace, depth?: number): boolean {
  if (prefix.length > namespace.length) return false;
  for (let index = 0; index < prefix.length; index += 1) {
    if (!segmentMatches(prefix[index]!, namespace[index]!)) return false;
  }
  return depth === undefined || namespace.length - prefix.length <= depth;
}

/** Whether an event passes a subscription filter, with the server's own matching rules. */
export function matchesFilter(filter: SubscriptionFilter, event: ProtocolEvent): boolean {
  const channel = channelOfEvent(event);
  if (channel === undefined || !channelMatches(filter.channels, channel)) return false;
  const prefixes = filter.namespaces;
  if (prefixes === undefined || prefixes.length === 0) return true;
  const namespace = event.params.namespace;
  for (const prefix of prefixes) {
    if (namespaceMatches(prefix, namespace, filter.depth)) return true;
  }
  return false;
}

/** A filter turned into a predicate over an event's channel and namespace, for hot paths. */
export type CompiledFilter = (channel: Channel, namespace: Namespace) => boolean;

/**
 * Precompiles `filter`: channel membership becomes a set lookup and the common namespace shapes
 * (every namespace; root plus `depth`) skip the prefix walk. Same answers as `matchesFilter`.
 */
export function compileFilter(filter: SubscriptionFilter): CompiledFilter {
  const exact = new Set<string>(filter.channels);
  const anyCustom = exact.has("custom");
  const channelOk = (channel: Channel): boolean =>
    exact.has(channel) || (anyCustom && channel.startsWith("custom:"));
  const prefixes = filter.namespaces;
  if (prefixes === undefined || prefixes.length === 0) return channelOk;
  const depth = filter.depth;
  if (prefixes.length === 1 && prefixes[0]!.length === 0) {
    return depth === undefined ? channelOk : (channel, namespace) => namespace.length <= depth && channelOk(channel);
  }
  return (channel, namespace) => {
    if (!channelOk(channel)) return false;
    for (const prefix of prefixes) if (namespaceMatches(prefix, namespace, depth)) return true;
    return false;
  };
}

/** Whether every event `inner` accepts is also accepted by `outer`. Conservative: may say false. */
export function filterCovers(outer: SubscriptionFilter, inner: SubscriptionFilter): boolean {
  for (const channel of inner.channels) if (!channelMatches(outer.channels, channel)) return false;
  const outerWildcard = !outer.namespaces || outer.namespaces.length === 0;
  if (outerWildcard) return true;
  const innerWildcard = !inner.namespaces || inner.namespaces.length === 0;
  if (innerWildcard) return false;
  for (const innerPrefix of inner.namespaces!) {
    const covered = outer.namespaces!.some((outerPrefix) => {
      if (!namespaceMatches(outerPrefix, innerPrefix)) return false;
      if (outer.depth === undefined) return true;
      if (inner.depth === undefined) return false;
      return innerPrefix.length - outerPrefix.length + inner.depth <= outer.depth;
    });
    if (!covered) return false;
  }
  return true;
}

/** The smallest single filter accepting everything any of `filters` accepts. */
export function unionFilter(filters: readonly SubscriptionFilter[]): SubscriptionFilter {
  const channels = new Set<Channel>();
  let wildcard = false;
  let unboundedDepth = false;
  let maxDepth = 0;
  const prefixes = new Map<string, readonly string[]>();
  for (const filter of filters) {
    for (const channel of filter.channels) channels.add(channel);
    if (!filter.namespaces || filter.namespaces.length === 0) {
      wildcard = true;
      continue;
    }
    for (const prefix of filter.namespaces) prefixes.set(namespaceKey(prefix), prefix);
    if (filter.depth === undefined) unboundedDepth = true;
    else maxDepth = Math.max(maxDepth, filter.depth);
  }
  if (channels.has("custom")) {
    for (const channel of [...channels]) if (channel.startsWith("custom:")) channels.delete(channel);
  }
  const sortedChannels = [...channels].sort();
  if (wildcard || prefixes.size === 0) return { channels: sortedChannels };
  const union: SubscriptionFilter = {
    channels: sortedChannels,
    namespaces: [...prefixes.values()].map((prefix) => [...prefix]),
  };
  return unboundedDepth ? union : { ...union, depth: maxDepth };
}
