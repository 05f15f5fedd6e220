/**
 * `useSuspenseStream`, `StreamProvider` and `useStreamContext`.
 */
import { agentServerUrl, startConnectionCounter } from "@agent-stream/test-kit/scenarios";
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import { Component, Suspense, type ReactNode } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { StreamProvider, useMessages, useStreamContext, useSuspenseStream, type StreamHandle } from "../src/index";
import { pendingSuspenseHydrations, SUSPENSE_CLAIM_GRACE_MS } from "../src/internal/suspense-cache";
import { countingFetch, paced, seedThread, startSlowRun } from "./support";

afterEach(cleanup);

class Boundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state = { error: undefined as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    return this.state.error === undefined ? this.props.children : <p data-testid="boundary">{String(this.state.error)}</p>;
  }
}

function SuspenseChat(props: { threadId?: string; apiUrl?: string; fetch?: typeof fetch; onStream?: (stream: StreamHandle) => void }) {
  const stream = useSuspenseStream({ assistantId: "text", apiUrl: props.apiUrl ?? agentServerUrl(), threadId: props.threadId, fetch: props.fetch });
  const messages = useMessages(stream);
  props.onStream?.(stream);
  return (
    <ul data-testid="chat" data-loading={String(stream.isThreadLoading)}>
      {messages.map((message) => (
        <li key={message.id}>{message.text}</li>
      ))}
    </ul>
  );
}

function tree(children: ReactNode) {
  return (
    <Boundary>
      <Suspense fallback={<p data-testid="fallback">loading</p>}>{children}</Suspense>
    </Boundary>
  );
}

describe("useSuspenseStream", () => {
  it("renders at once without a threadId", () => {
    render(tree(<SuspenseChat />));
    expect(screen.getByTestId("chat")).toBeTruthy();
  });

  it("suspends while the thread loads, loads it once, and keeps the whole handle", async () => {
    const threadId = await seedThread("text", "suspended hello");
    const counter = countingFetch();
    let stream: StreamHandle | undefined;
    render(tree(<SuspenseChat threadId={threadId} fetch={counter.fetch} onStream={(current) => (stream = current)} />));
    expect(screen.getByTestId("fallback")).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId("chat").textContent).toContain("suspended hello"));
    expect(screen.getByTestId("chat").dataset.loading).toBe("false");
    expect(counter.count("/state")).toBe(1);
    // Claimed by the commit's effect (React 18 may run it after the paint the check above saw).
    await waitFor(() => expect(pendingSuspenseHydrations()).toBe(0));
    for (const method of ["submit", "stop", "disconnect", "respond", "respondAll", "getThread"] as const) {
      expect(typeof stream![method]).toBe("function");
    }
    await act(() => stream!.submit({ messages: "after suspense" }, paced(1)));
    await waitFor(() => expect(screen.getByTestId("chat").textContent).toContain('You said "after suspense"'));
  });

  it("suspends again on a thread switch and shows only the new thread", async () => {
    const [first, second] = await Promise.all([seedThread("text", "first thread"), seedThread("text", "second thread")]);
    const view = render(tree(<SuspenseChat threadId={first} />));
    await waitFor(() => expect(screen.getByTestId("chat").textContent).toContain("first thread"));
    view.rerender(tree(<SuspenseChat threadId={second} />));
    await waitFor(() => expect(screen.getByTestId("chat").textContent).toContain("second thread"));
    expect(screen.getByTestId("chat").textContent).not.toContain("first thread");
  });

  it("throws a failed thread load to the error boundary once, and a later mount tries again", async () => {
    const counter = countingFetch();
    const unreachable = <SuspenseChat threadId="00000000-0000-0000-0000-000000000000" apiUrl="http://127.0.0.1:9" fetch={counter.fetch} />;
    const first = render(tree(unreachable));
    await waitFor(() => expect(screen.getByTestId("boundary")).toBeTruthy());
    expect(counter.count("/state")).toBe(1);
    first.unmount();
    await waitFor(() => expect(pendingSuspenseHydrations()).toBe(0), { timeout: SUSPENSE_CLAIM_GRACE_MS + 3_000 });
    render(tree(unreachable));
    await waitFor(() => expect(screen.getByTestId("boundary")).toBeTruthy());
    expect(counter.count("/state")).toBe(2);
  });

  it("an abandoned suspended tree leaves no connection open", async () => {
    // A thread with a run in flight: loading it opens an event stream.
    const threadId = await startSlowRun();
    const counter = await startConnectionCounter();
    try {
      const view = render(tree(<SuspenseChat threadId={threadId} apiUrl={counter.url} />));
      expect(screen.getByTestId("fallback")).toBeTruthy();
      view.unmount();
      await waitFor(() => expect(pendingSuspenseHydrations()).toBe(0), { timeout: SUSPENSE_CLAIM_GRACE_MS + 3_000 });
      // The abandoned controller did re-attach to the run (one stream), then was disposed.
      expect(await counter.totalOpened()).toBe(1);
      await waitFor(async () => expect(await counter.openConnections()).toBe(0), { timeout: 3_000 });
    } finally {
      await counter.close();
    }
  });
});

describe("StreamProvider", () => {
  it("shares one stream with every consumer", async () => {
    const seen = new Set<unknown>();
    function Consumer({ name }: { name: string }) {
      const stream = useStreamContext();
      seen.add(stream.controller);
      return <p data-testid={name}>{stream.messages.length}</p>;
    }
    let submit: StreamHandle["submit"] | undefined;
    function Submitter() {
      submit = useStreamContext().submit;
      return null;
    }
    render(
      <StreamProvider assistantId="text" apiUrl={agentServerUrl()}>
        <Consumer name="a" />
        <Consumer name="b" />
        <Submitter />
      </StreamProvider>,
    );
    await act(() => submit!({ messages: "shared" }, paced(1)));
    await waitFor(() => expect(screen.getByTestId("a").textContent).toBe("2"));
    expect(screen.getByTestId("b").textContent).toBe("2");
    expect(seen.size).toBe(1);
  });

  it("useStreamContext throws outside a provider", () => {
    function Orphan() {
      useStreamContext();
      return null;
    }
    render(tree(<Orphan />));
    expect(screen.getByTestId("boundary").textContent).toMatch(/inside a <StreamProvider/);
  });
});
