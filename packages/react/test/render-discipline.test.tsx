/**
 * Render discipline: while a reply streams, only what changed re-renders.
 */
import { agentServerUrl } from "@agent-stream/test-kit/scenarios";
import type { BaseMessage } from "@langchain/core/messages";
import { act, cleanup, render, waitFor } from "@testing-library/react";
import { memo } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { useMessageMetadata, useStream, type StreamHandle } from "../src/index";
import { paced } from "./support";

afterEach(cleanup);

interface RenderLog {
  /** Message id → each message instance a row rendered with. */
  rows: Map<string, BaseMessage[]>;
  /** Renders of the component that owns the stream. */
  chat: number;
  /** Message id → renders of a component that reads only that message's metadata. */
  metadata: Map<string, number>;
}

function newLog(): RenderLog {
  return { rows: new Map(), chat: 0, metadata: new Map() };
}

const Row = memo(function Row({ message, log }: { message: BaseMessage; log: RenderLog }) {
  const id = message.id!;
  log.rows.set(id, [...(log.rows.get(id) ?? []), message]);
  return <li data-testid="row">{message.text}</li>;
});

/** Reads only one message's metadata; its props (controller, id) are stable. */
const MetadataBadge = memo(function MetadataBadge({ controller, id, log }: { controller: StreamHandle["controller"]; id: string; log: RenderLog }) {
  const metadata = useMessageMetadata(controller, id);
  log.metadata.set(id, (log.metadata.get(id) ?? 0) + 1);
  return <span>{metadata?.optimisticStatus ?? ""}</span>;
});

function Chat({ log, onStream }: { log: RenderLog; onStream: (stream: StreamHandle) => void }) {
  const stream = useStream({ assistantId: "text", apiUrl: agentServerUrl() });
  log.chat += 1;
  onStream(stream);
  return (
    <ul>
      {stream.messages.map((message) => (
        <div key={message.id}>
          <Row message={message} log={log} />
          <MetadataBadge controller={stream.controller} id={message.id!} log={log} />
        </div>
      ))}
    </ul>
  );
}

describe("render discipline", () => {
  it("finished rows do not re-render while a reply streams; the streaming row renders once per change", async () => {
    const log = newLog();
    let stream: StreamHandle | undefined;
    render(<Chat log={log} onStream={(current) => (stream = current)} />);
    await act(() => stream!.submit({ messages: "first question" }, paced(1)));
    await waitFor(() => expect(stream!.messages).toHaveLength(2));
    const [firstHuman, firstAi] = stream!.messages.map((message) => message.id!);
    log.rows.clear();
    log.metadata.clear();
    log.chat = 0;

    // Not inside act(): React 18's act would batch the whole reply into one render.
    await stream!.submit({ messages: "second question" }, paced(15));
    await waitFor(() => expect(stream!.isLoading).toBe(false));
    const messages = stream!.messages;
    expect(messages).toHaveLength(4);
    const reply = messages[3]!;
    const replyRenders = log.rows.get(reply.id!) ?? [];

    // Finished rows and their metadata badges: not rendered again at all.
    expect(log.rows.get(firstHuman!)).toBeUndefined();
    expect(log.rows.get(firstAi!)).toBeUndefined();
    expect(log.metadata.get(firstHuman!)).toBeUndefined();
    expect(log.metadata.get(firstAi!)).toBeUndefined();
    // The streaming row re-rendered many times, and never twice with the same message instance.
    expect(replyRenders.length).toBeGreaterThanOrEqual(5);
    expect(new Set(replyRenders).size).toBe(replyRenders.length);
    console.info(
      `[render counts] chat renders during the reply: ${log.chat}; streaming row: ${replyRenders.length}; ` +
        `new user row: ${log.rows.get(messages[2]!.id!)?.length ?? 0}; finished rows: 0; ` +
        `metadata badge of the new user message: ${log.metadata.get(messages[2]!.id!) ?? 0}`,
    );
  });
});
