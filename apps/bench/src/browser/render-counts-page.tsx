/**
 * The Chromium page of scenario 7. It mounts, one at a time, a small chat for each contender:
 * `useStream` over the bench adapter of a fresh scripted server, a list of `React.memo` rows keyed
 * by message id and given the message object (default shallow compare). Every render body counts
 * itself in `render-tally.ts`. The Node side calls `window.renderBench.run(request)`.
 */
import { useStream as useOurStream } from "@agent-stream/react";
import { useStream as useReferenceStream, type AgentServerAdapter as ReferenceTransport } from "@langchain/react";
import { memo, useLayoutEffect, type ReactElement } from "react";
import { createRoot } from "react-dom/client";
import { OurBenchAdapter } from "../adapters/our-adapter";
import { ReferenceBenchAdapter } from "../adapters/reference-adapter";
import { textOf } from "../message-text";
import { heldMessages, twoStepReplyPlanner } from "../server/script";
import { ScriptedServer } from "../server/scripted-server";
import type { RenderBenchPage, RenderRunRequest, RenderRunResult } from "./render-protocol";
import {
  countListRender,
  countRowRender,
  latestCommit,
  recordCommit,
  resetCommits,
  tally,
  waitForCommit,
  type ChatMessage,
} from "./render-tally";
import { installSetImmediateShim } from "./set-immediate-shim";

installSetImmediateShim();

const QUESTION = "What is the forecast for the coast?";

/** The chat's submit, published by the mounted chat. */
let submitQuestion: (() => Promise<void>) | undefined;

/** The row's child: the message text. Not memoised, so it renders whenever its row does. */
function MessageText({ messageId, text }: { readonly messageId: string | undefined; readonly text: string }): ReactElement {
  countRowRender(messageId, "child");
  return <p>{text}</p>;
}

/** One message, memoised with the default shallow compare, as an app would write it. */
const MessageRow = memo(function MessageRow({ message }: { readonly message: ChatMessage }): ReactElement {
  const text = textOf(message);
  countRowRender(message.id, "row", text);
  return (
    <li data-message-id={message.id}>
      <MessageText messageId={message.id} text={text} />
    </li>
  );
});

/** The component that maps over the messages (not memoised: it renders whenever its chat does). */
function MessageList({ messages, isLoading }: { readonly messages: readonly ChatMessage[]; readonly isLoading: boolean }): ReactElement {
  countListRender();
  useLayoutEffect(() => recordCommit(messages, isLoading));
  return (
    <ul data-loading={isLoading}>
      {messages.map((message, index) => (
        <MessageRow key={message.id ?? `index-${index}`} message={message} />
      ))}
    </ul>
  );
}

function usePublishSubmit(submit: () => Promise<void>): void {
  useLayoutEffect(() => {
    submitQuestion = submit;
  });
}

function OurChat({ adapter }: { readonly adapter: OurBenchAdapter }): ReactElement {
  const stream = useOurStream({ assistantId: "agent", transport: adapter });
  usePublishSubmit(() => stream.submit({ messages: [{ type: "human", content: QUESTION }] }));
  return <MessageList messages={stream.messages} isLoading={stream.isLoading} />;
}

function ReferenceChat({ adapter }: { readonly adapter: ReferenceTransport }): ReactElement {
  const stream = useReferenceStream({ transport: adapter });
  usePublishSubmit(() => stream.submit({ messages: [{ type: "human", content: QUESTION }] }));
  return <MessageList messages={stream.messages} isLoading={stream.isLoading} />;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The wait between paced frames: a timer, then a message-channel task that hands the frame over,
 * as a network read would. Timers set from that task are not nested, so neither the next wait nor
 * a controller's own 0 ms timer is clamped to 4 ms as a chain of timers would be.
 */
const paceLikeNetwork = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(() => setImmediate(resolve), ms));

async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await sleep(1);
  }
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  return Promise.race([promise, sleep(timeoutMs).then(() => Promise.reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`)))]);
}

function chatOf(request: RenderRunRequest, server: ScriptedServer): ReactElement {
  if (request.contender === "ours") return <OurChat adapter={new OurBenchAdapter(server)} />;
  return <ReferenceChat adapter={new ReferenceBenchAdapter(server) as unknown as ReferenceTransport} />;
}

/**
 * Mounts a fresh chat, puts the held messages on screen, then counts renders while the reply
 * streams, until the final state is committed (and 50 ms after `submit()` resolved).
 */
async function run(request: RenderRunRequest): Promise<RenderRunResult> {
  const name = request.contender;
  resetCommits();
  tally.reset(undefined);
  // Counting from mount too: the first paint of the held rows proves the counters see every row.
  tally.counting = true;
  submitQuestion = undefined;
  const server = new ScriptedServer(twoStepReplyPlanner(request.tokens), heldMessages(request.held));
  const container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container);
  try {
    root.render(chatOf(request, server));
    await waitUntil(() => submitQuestion !== undefined, 10_000, `${name}'s chat to mount`);
    const submitted = submitQuestion!();
    await server.whenRunStarted(1);
    const script = server.script;
    const onScreenBefore = script.finalMessages.length - 1;
    await server.play("burst");
    await waitForCommit((view) => view.messageCount === onScreenBefore, 10_000, `${name} to show the ${onScreenBefore} messages before the reply`);
    // Let trailing renders of the first segment finish before the window opens.
    await sleep(50);
    const beforeWindow = tally.snapshot();
    tally.reset(script.finalMessages[script.finalMessages.length - 1]?.id);
    tally.counting = true;
    const frames = script.segments[1]?.length ?? 0;
    const timing = await server.play(request.mode, { spacingMs: request.spacingMs, pace: paceLikeNetwork });
    const expected = { messageCount: script.finalMessages.length, lastText: script.finalText };
    await waitForCommit(
      (view) => !view.isLoading && view.messageCount === expected.messageCount && view.lastText === expected.lastText,
      60_000,
      `${name} to show the final state`,
    );
    const atFinal = tally.snapshot();
    await withTimeout(submitted, 10_000, `${name}'s submit() to resolve`);
    await sleep(50);
    const settled = tally.snapshot();
    tally.counting = false;
    const final = latestCommit();
    return {
      contender: name,
      mode: request.mode,
      tokens: request.tokens,
      held: request.held,
      frames,
      deliveryMs: timing.finishedAt - timing.startedAt,
      beforeWindow,
      atFinal,
      settled,
      finalMessageCount: final.messageCount,
      finalText: final.lastText,
      finalIsLoading: final.isLoading,
    };
  } finally {
    tally.counting = false;
    root.unmount();
    container.remove();
    // Let deferred disposals (the reference disposes on a 0 ms timer) run before the next chat.
    await sleep(20);
  }
}

const page: RenderBenchPage = { run };
(globalThis as { renderBench?: RenderBenchPage }).renderBench = page;
