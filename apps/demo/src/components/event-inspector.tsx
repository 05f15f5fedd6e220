/**
 * The raw protocol events of the current thread (every channel, every namespace), newest at the
 * bottom, filterable by channel and by text. Built on `useChannel`.
 */
import type { Channel, ProtocolEvent } from "@agent-stream/core";
import { useStreamContext } from "@agent-stream/react";
import { useChannel } from "../use-channel";
import { memo, useDeferredValue, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { DemoState } from "../config";
import { formatValue, preview } from "./format";

const CHANNELS: readonly Channel[] = ["messages", "tools", "lifecycle", "input", "values", "updates", "tasks", "checkpoints", "custom"];
/** Shown by default: the ones that tell the story of a run. */
const DEFAULT_VISIBLE = new Set<string>(["messages", "tools", "lifecycle", "input", "custom"]);
/** Rows rendered at most (the newest); the buffer itself keeps more. */
const MAX_ROWS = 400;

/** The channel an event belongs to (`custom:<name>` counts as `custom`). */
const channelOf = (event: ProtocolEvent): string => (event.method.startsWith("custom") ? "custom" : event.method);

function summary(event: ProtocolEvent): string {
  const data = event.params.data as Record<string, unknown> | null;
  if (data === null || typeof data !== "object") return preview(data);
  switch (channelOf(event)) {
    case "messages": {
      const delta = (data.delta ?? data.content_block) as { text?: unknown } | undefined;
      const text = typeof delta?.text === "string" ? ` ${JSON.stringify(delta.text)}` : "";
      return `${String(data.event)}${text}`;
    }
    case "tools":
      return `${String(data.event)} ${String(data.tool_name ?? "")}`.trim();
    case "lifecycle":
      return `${String(data.event)} ${String(data.graph_name ?? "")}`.trim();
    case "input":
      return `requested ${preview(data.payload, 80)}`;
    default:
      return preview(data, 100);
  }
}

const namespaceLabel = (namespace: readonly string[]): string =>
  namespace.length === 0 ? "root" : namespace.map((segment) => segment.split(":")[0]).join(" › ");

const EventRow = memo(function EventRow({ event }: { event: ProtocolEvent }) {
  const [open, setOpen] = useState(false);
  const channel = channelOf(event);
  return (
    <li className={`event event--${channel}`} data-testid="event-row" data-channel={channel}>
      <button className="event__line" onClick={() => setOpen(!open)} aria-expanded={open}>
        <span className="event__seq">{event.seq ?? "–"}</span>
        <span className={`event__channel chip chip--${channel}`}>{event.method}</span>
        <span className="event__namespace" title={event.params.namespace.join(" / ") || "root"}>
          {namespaceLabel(event.params.namespace)}
        </span>
        <span className="event__summary">{summary(event)}</span>
      </button>
      {open && <pre className="event__json">{formatValue(event)}</pre>}
    </li>
  );
});

/**
 * The inspector drawer's content.
 *
 * @example
 * {inspectorOpen && <EventInspector onClose={() => setInspectorOpen(false)} />}
 */
export function EventInspector({ onClose }: { onClose: () => void }) {
  const stream = useStreamContext<DemoState>();
  const events = useChannel(stream, CHANNELS, [], { depth: Number.POSITIVE_INFINITY });
  const [visible, setVisible] = useState<ReadonlySet<string>>(DEFAULT_VISIBLE);
  const [query, setQuery] = useState("");
  const deferredQuery = useDeferredValue(query.trim().toLowerCase());
  const list = useRef<HTMLOListElement>(null);

  const counts = useMemo(() => {
    const byChannel = new Map<string, number>();
    for (const event of events) byChannel.set(channelOf(event), (byChannel.get(channelOf(event)) ?? 0) + 1);
    return byChannel;
  }, [events]);

  const shown = useMemo(() => {
    const matching = events.filter((event) => {
      if (!visible.has(channelOf(event))) return false;
      if (deferredQuery === "") return true;
      const haystack = `${event.method} ${event.params.namespace.join("/")} ${JSON.stringify(event.params.data)}`.toLowerCase();
      return haystack.includes(deferredQuery);
    });
    return matching.slice(-MAX_ROWS);
  }, [events, visible, deferredQuery]);

  useLayoutEffect(() => {
    const element = list.current;
    if (element !== null) element.scrollTop = element.scrollHeight;
  }, [shown.length]);

  const toggle = (channel: string): void => {
    const next = new Set(visible);
    if (next.has(channel)) next.delete(channel);
    else next.add(channel);
    setVisible(next);
  };

  return (
    <aside className="inspector" aria-label="Event inspector" data-testid="event-inspector">
      <header className="inspector__head">
        <h2 className="panel__title">
          Events <span className="count">{events.length}</span>
        </h2>
        <span className="muted inspector__thread">{stream.threadId ?? "no thread yet"}</span>
        <button className="button button--ghost" onClick={onClose} aria-label="Close the event inspector">
          ✕
        </button>
      </header>
      <div className="inspector__filters">
        <input
          className="inspector__search"
          type="search"
          placeholder="Filter: text, tool name, namespace…"
          aria-label="Filter events"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <div className="inspector__chips" role="group" aria-label="Channels">
          {CHANNELS.map((channel) => (
            <button
              key={channel}
              className={visible.has(channel) ? `chip chip--${channel} chip--on` : `chip chip--${channel}`}
              aria-pressed={visible.has(channel)}
              onClick={() => toggle(channel)}
            >
              {channel} <span className="chip__count">{counts.get(channel) ?? 0}</span>
            </button>
          ))}
        </div>
      </div>
      {shown.length === 0 ? (
        <p className="panel__empty" data-testid="inspector-empty">
          {events.length > 0
            ? "No event matches the filter."
            : stream.threadId === null
              ? "No events yet: send a message."
              : "This thread was loaded from its stored state, which carries no events: they show here from its next run on."}
        </p>
      ) : (
        <ol className="inspector__events" ref={list}>
          {shown.map((event, index) => (
            <EventRow key={event.event_id ?? `${event.seq ?? "x"}-${index}`} event={event} />
          ))}
        </ol>
      )}
    </aside>
  );
}
