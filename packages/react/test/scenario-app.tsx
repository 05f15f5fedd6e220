/**
 * The React implementation of the scenario suite's harness: a small app that renders the DOM
 * contract of `@agent-stream/test-kit/scenarios` with the binding's hooks.
 */
import type { BindingHarness, ScenarioActions, ScenarioMountOptions } from "@agent-stream/test-kit/scenarios";
import type { BaseMessage } from "@langchain/core/messages";
import { StrictMode, useLayoutEffect, useRef, useState } from "react";
import { createRoot } from "react-dom/client";
import { flushSync } from "react-dom";
import { useMessageMetadata, useStream, useSubmissionQueue, type StreamHandle } from "../src/index";
import { ExtensionView, ImagesView, SubagentsView } from "./scenario-views";

function errorText(error: unknown): string {
  if (error === undefined || error === null) return "";
  return error instanceof Error ? error.message : String(error);
}

function MessageRow({ stream, message }: { stream: StreamHandle; message: BaseMessage }) {
  const metadata = useMessageMetadata(stream, message.id);
  return (
    <li data-testid="message" data-id={message.id} data-type={message.getType()} data-status={metadata?.optimisticStatus ?? ""}>
      {message.text}
    </li>
  );
}

function QueueView({ stream }: { stream: StreamHandle }) {
  const queue = useSubmissionQueue(stream);
  return (
    <ul>
      {queue.entries.map((entry) => (
        <li key={entry.id} data-testid="queue-entry" data-id={entry.id} />
      ))}
    </ul>
  );
}

interface AppProps {
  options: ScenarioMountOptions;
  threadId: string | null | undefined;
  onThreadId: (threadId: string) => void;
  streamRef: { current: StreamHandle | undefined };
}

function ScenarioApp({ options, threadId, onThreadId, streamRef }: AppProps) {
  const stream = useStream({
    assistantId: options.assistantId,
    apiUrl: options.apiUrl,
    transport: options.transport,
    threadId,
    onThreadId,
  });
  useLayoutEffect(() => {
    streamRef.current = stream;
  });
  return (
    <div>
      <span data-testid="thread-id">{stream.threadId ?? ""}</span>
      <span data-testid="loading">{String(stream.isLoading)}</span>
      <span data-testid="thread-loading">{String(stream.isThreadLoading)}</span>
      <span data-testid="error">{errorText(stream.error)}</span>
      <ul>
        {stream.messages.map((message, index) => (
          <MessageRow key={message.id ?? index} stream={stream} message={message} />
        ))}
      </ul>
      <ul>
        {stream.toolCalls.map((call) => (
          <li key={call.id} data-testid="tool-call" data-id={call.id} data-name={call.name} data-status={call.status}>
            {call.output !== undefined ? JSON.stringify(call.output) : ""}
          </li>
        ))}
      </ul>
      <ul>
        {stream.interrupts.map((interrupt) => (
          <li key={interrupt.id} data-testid="interrupt" data-id={interrupt.id}>
            {JSON.stringify(interrupt.value)}
          </li>
        ))}
      </ul>
      {options.views?.queue === true && <QueueView stream={stream} />}
      {options.views?.extension !== undefined && <ExtensionView stream={stream} name={options.views.extension} />}
      {options.views?.images === true && <ImagesView stream={stream} />}
      {options.views?.subagents === true && <SubagentsView stream={stream} />}
    </div>
  );
}

function Host({ options, expose, streamRef }: Omit<AppProps, "threadId" | "onThreadId"> & { expose: (set: (id: string | null) => void) => void }) {
  const [threadId, setThreadId] = useState(options.threadId);
  const exposed = useRef(false);
  if (!exposed.current) {
    exposed.current = true;
    expose(setThreadId);
  }
  return <ScenarioApp options={options} threadId={threadId} onThreadId={setThreadId} streamRef={streamRef} />;
}

function actionsOf(streamRef: { current: StreamHandle | undefined }): ScenarioActions {
  const stream = (): StreamHandle => {
    if (streamRef.current === undefined) throw new Error("The scenario app has not rendered yet.");
    return streamRef.current;
  };
  return {
    submit: (input, submitOptions) => stream().submit(input, submitOptions),
    respond: (response, respondOptions) => stream().respond(response, respondOptions),
    respondAll: (responses) => stream().respondAll(responses),
    stop: () => stream().stop(),
    disconnect: () => stream().disconnect(),
    cancelQueued: (id) => stream().controller.cancelQueued(id),
  };
}

/**
 * Mounts the React scenario app.
 *
 * @example
 * runScenarioSuite(reactHarness);
 */
export const reactHarness: BindingHarness = {
  binding: "react",
  async mount(options) {
    const container = document.createElement("div");
    document.body.append(container);
    const root = createRoot(container);
    const streamRef: { current: StreamHandle | undefined } = { current: undefined };
    let setThreadId: (id: string | null) => void = () => undefined;
    const host = <Host options={options} streamRef={streamRef} expose={(set) => (setThreadId = set)} />;
    flushSync(() => root.render(options.strictMode === true ? <StrictMode>{host}</StrictMode> : host));
    return {
      container,
      actions: actionsOf(streamRef),
      async setThreadId(threadId) {
        flushSync(() => setThreadId(threadId));
      },
      async unmount() {
        root.unmount();
        container.remove();
      },
    };
  },
};
