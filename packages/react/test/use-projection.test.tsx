/**
 * `useProjection`: ref-counted registry entries that follow React's lifetime.
 */
import { messagesProjection, valuesProjection } from "@agent-stream/core";
import { agentServerUrl } from "@agent-stream/test-kit/scenarios";
import { act, cleanup, render, renderHook, waitFor } from "@testing-library/react";
import { StrictMode } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { useProjection, useStream, type StreamHandle } from "../src/index";
import { paced } from "./support";

afterEach(cleanup);

function Reader({ stream, name }: { stream: StreamHandle; name: string }) {
  const messages = useProjection(stream, messagesProjection([]));
  return <p data-testid={name}>{messages.length}</p>;
}

describe("useProjection", () => {
  it("shares one entry between consumers, follows the stream and releases on unmount", async () => {
    const { result } = renderHook(() => useStream({ assistantId: "text", apiUrl: agentServerUrl() }));
    const stream = result.current;
    const view = render(
      <StrictMode>
        <Reader stream={stream} name="a" />
        <Reader stream={stream} name="b" />
      </StrictMode>,
    );
    expect(stream.controller.registry.size).toBe(1);
    await act(() => stream.submit({ messages: "project me" }, paced(1)));
    await waitFor(() => expect(view.getByTestId("a").textContent).toBe("2"));
    expect(view.getByTestId("b").textContent).toBe("2");
    view.unmount();
    await waitFor(() => expect(stream.controller.registry.size).toBe(0));
  });

  it("a changed spec key releases the old entry and acquires the new one", async () => {
    const { result } = renderHook(() => useStream({ assistantId: "text", apiUrl: agentServerUrl() }));
    const stream = result.current;
    await act(() => stream.submit({ messages: "values please" }, paced(1)));
    const projected = renderHook((props: { key: "messages" | "values" }) =>
      useProjection<unknown>(stream, props.key === "messages" ? messagesProjection([]) : valuesProjection([])),
      { initialProps: { key: "messages" as "messages" | "values" } },
    );
    await waitFor(() => expect(projected.result.current).toHaveLength(2));
    expect(stream.controller.registry.size).toBe(1);
    projected.rerender({ key: "values" });
    await waitFor(() => expect(projected.result.current).toMatchObject({ messages: expect.any(Array) }));
    expect(stream.controller.registry.size).toBe(1);
  });
});
