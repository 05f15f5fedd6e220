/**
 * `useStream` at hook level (renderHook): option changes, StrictMode, identity rules.
 */
import { agentServerUrl } from "@agent-stream/test-kit/scenarios";
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import { StrictMode, type ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useMessages, useStream, useSubmissionQueue, useToolCalls, useValues, type UseStreamOptions } from "../src/index";
import { countingFetch, paced, pause, seedThread } from "./support";

afterEach(cleanup);

const strict = ({ children }: { children: ReactNode }) => <StrictMode>{children}</StrictMode>;

function base(overrides: Partial<UseStreamOptions> = {}): UseStreamOptions {
  return { assistantId: "text", apiUrl: agentServerUrl(), ...overrides };
}

describe("useStream option changes", () => {
  it("switches threads when threadId changes, and clears on null", async () => {
    const [first, second] = await Promise.all([seedThread("text", "thread A"), seedThread("text", "thread B")]);
    const { result, rerender } = renderHook((props: { threadId: string | null }) => useStream(base(props)), {
      initialProps: { threadId: first as string | null },
    });
    await waitFor(() => expect(result.current.messages[0]?.text).toBe("thread A"));
    const controller = result.current.controller;
    rerender({ threadId: second });
    // The switch is visible in the same commit: never thread A's messages under thread B's id.
    expect(result.current.threadId).toBe(second);
    expect(result.current.messages.every((message) => message.text !== "thread A")).toBe(true);
    await waitFor(() => expect(result.current.messages[0]?.text).toBe("thread B"));
    rerender({ threadId: null });
    expect(result.current.threadId).toBeNull();
    expect(result.current.messages).toEqual([]);
    // Thread switches keep the controller.
    expect(result.current.controller).toBe(controller);
  });

  it.each([
    ["assistantId", { assistantId: "tool_agent" }],
    ["apiUrl", { apiUrl: `${agentServerUrl()}/` }],
    ["transport", { transport: "websocket" as const }],
  ])("rebuilds the controller when %s changes and disposes the old one", async (_name, change) => {
    const { result, rerender } = renderHook((props: Partial<UseStreamOptions>) => useStream(base(props)), {
      initialProps: {},
    });
    const before = result.current.controller;
    rerender(change);
    const after = result.current.controller;
    expect(after).not.toBe(before);
    await waitFor(() => expect(before.registry.disposed).toBe(true));
    expect(after.registry.disposed).toBe(false);
  });

  it("a rebuilt controller continues on the same thread when threadId is not controlled", async () => {
    const { result, rerender } = renderHook((props: Partial<UseStreamOptions>) => useStream(base(props)), {
      initialProps: {},
    });
    await act(() => result.current.submit({ messages: "keep me" }, paced(1)));
    const threadId = result.current.threadId;
    rerender({ transport: "websocket" });
    await waitFor(() => expect(result.current.messages.map((message) => message.text)[0]).toBe("keep me"));
    expect(result.current.threadId).toBe(threadId);
  });

  it("does not rebuild for inline headers or changing callbacks, and calls the latest callback", async () => {
    const calls: string[] = [];
    const { result, rerender } = renderHook(
      (props: { label: string }) =>
        useStream(base({ headers: { "x-test": "1" }, onThreadId: () => calls.push(props.label) })),
      { initialProps: { label: "first" } },
    );
    const controller = result.current.controller;
    for (const label of ["second", "third"]) rerender({ label });
    expect(result.current.controller).toBe(controller);
    await act(() => result.current.submit({ messages: "hi" }, paced(1)));
    expect(calls).toEqual(["third"]);
  });
});

describe("useStream over a browser WebSocket", () => {
  it("with an apiKey it cannot send, shows a clear error at once instead of connecting unauthenticated", async () => {
    const { result } = renderHook(() => useStream(base({ transport: "websocket", apiKey: "secret" })));
    await act(() => result.current.submit({ messages: "hi" }, paced(1)).catch(() => undefined));
    await waitFor(() => expect(result.current.error).toBeInstanceOf(Error));
    expect((result.current.error as Error).name).toBe("TransportError");
    expect((result.current.error as Error).message).toMatch(/cannot send x-api-key/);
    expect(result.current.isLoading).toBe(false);
    expect(result.current.messages.filter((message) => message.getType() === "ai")).toHaveLength(0);
  });
});

describe("useStream lifetime", () => {
  it("StrictMode: one controller, one thread load, no duplicate messages", async () => {
    const threadId = await seedThread("text", "strict thread");
    const counter = countingFetch();
    const { result } = renderHook(() => useStream(base({ threadId, fetch: counter.fetch })), { wrapper: strict });
    await waitFor(() => expect(result.current.messages).toHaveLength(2));
    const controller = result.current.controller;
    await pause(50);
    expect(controller.registry.disposed).toBe(false);
    expect(counter.count("/state")).toBe(1);
    await act(() => result.current.submit({ messages: "again" }, paced(1)));
    expect(result.current.messages.map((message) => message.getType())).toEqual(["human", "ai", "human", "ai"]);
  });

  it("unmount disposes the controller", async () => {
    const { result, unmount } = renderHook(() => useStream(base()));
    const controller = result.current.controller;
    unmount();
    await waitFor(() => expect(controller.registry.disposed).toBe(true));
  });

  it("five forced re-renders keep the controller and load the thread once", async () => {
    const threadId = await seedThread("text", "stable");
    const counter = countingFetch();
    const { result, rerender } = renderHook(() => useStream(base({ threadId, fetch: counter.fetch })));
    const controller = result.current.controller;
    for (let index = 0; index < 5; index += 1) rerender();
    await waitFor(() => expect(result.current.messages).toHaveLength(2));
    expect(result.current.controller).toBe(controller);
    expect(counter.count("/state")).toBe(1);
  });
});

describe("identity rules", () => {
  it("methods are stable across renders and the handle is stable while nothing changes", async () => {
    const { result, rerender } = renderHook(() => useStream(base()));
    const first = result.current;
    rerender();
    expect(result.current).toBe(first);
    await act(() => result.current.submit({ messages: "identity" }, paced(1)));
    expect(result.current).not.toBe(first);
    for (const method of ["submit", "stop", "disconnect", "respond", "respondAll", "getThread"] as const) {
      expect(result.current[method]).toBe(first[method]);
    }
  });

  it("root selectors return the handle's own arrays and open no registry entry", async () => {
    const { result } = renderHook(() => {
      const stream = useStream(base());
      return { stream, messages: useMessages(stream), toolCalls: useToolCalls(stream), values: useValues(stream), queue: useSubmissionQueue(stream) };
    });
    await act(() => result.current.stream.submit({ messages: "selectors" }, paced(1)));
    const { stream, messages, toolCalls, values, queue } = result.current;
    expect(messages).toBe(stream.messages);
    expect(toolCalls).toBe(stream.toolCalls);
    expect(values).toBe(stream.values);
    expect(queue.size).toBe(0);
    expect(stream.controller.registry.size).toBe(0);
  });

  it("an unchanged snapshot does not re-render a selector consumer", async () => {
    const renders = vi.fn();
    const { result, rerender } = renderHook(() => {
      const stream = useStream(base());
      renders();
      return stream;
    });
    await act(() => result.current.submit({ messages: "settle" }, paced(1)));
    await pause(50);
    const count = renders.mock.calls.length;
    await pause(200);
    expect(renders.mock.calls.length).toBe(count);
    rerender();
    expect(renders.mock.calls.length).toBe(count + 1);
  });
});
