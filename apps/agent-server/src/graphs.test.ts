import { describe, expect, it } from "vitest";
import { CUSTOM_EVENTS_REPLY, PROGRESS_EVENT_NAME } from "./graphs/custom-events.js";
import { DEFAULT_HISTORY_SIZE } from "./graphs/long-history.js";
import { MEDIA_IMAGE_URL, MEDIA_PAYLOADS } from "./graphs/media.js";
import { NESTED_INTERRUPT_REQUEST, nestedDecisionReply } from "./graphs/nested-interrupt.js";
import { NESTED_DRAFT_TEXT } from "./graphs/nested-subgraph.js";
import { textReply } from "./graphs/text.js";
import { CALCULATOR_BOOM_MESSAGE } from "./graphs/tools.js";
import {
  humanInput,
  isRootTerminal,
  sendCommand,
  SseEventStream,
  type StartedRun,
  streamedText,
  type WireEvent,
} from "./testing/protocol-client.js";
import { useTestServer } from "./testing/test-server.js";

const server = useTestServer();

async function run(assistantId: string, input: unknown, tokenDelayMs = 1) {
  const started = await server.startRun(assistantId, input, tokenDelayMs);
  const terminal = await started.stream.waitFor(isRootTerminal);
  return { ...started, terminal, events: started.stream.events.filter((event) => event.seq <= terminal.seq) };
}

const byMethod = (events: WireEvent[], method: string) => events.filter((event) => event.method === method);
const toolEvents = (events: WireEvent[], kind: string) =>
  byMethod(events, "tools").filter((event) => event.params.data.event === kind);
const lastValues = (events: WireEvent[]) =>
  byMethod(events, "values").filter((event) => event.params.namespace.length === 0).at(-1)?.params.data;

describe("text", () => {
  it("opens with root running, streams the reply word by word, then completes", async () => {
    const { events, terminal } = await run("text", humanInput("hi there"), 3);
    expect(events[0]?.params).toMatchObject({ namespace: [], data: { event: "running", graph_name: "text" } });
    expect(terminal.params.data.event).toBe("completed");
    const deltas = byMethod(events, "messages").filter((event) => event.params.data.event === "content-block-delta");
    expect(deltas.length).toBeGreaterThanOrEqual(20);
    expect(streamedText(events)).toBe(textReply("hi there"));
    // Real streaming: the deltas are spread over time by the per-token delay (3 ms here).
    const spread = (deltas.at(-1)?.params.timestamp ?? 0) - (deltas[0]?.params.timestamp ?? 0);
    expect(spread).toBeGreaterThanOrEqual((deltas.length - 1) * 2);
    const start = byMethod(events, "messages").find((event) => event.params.data.event === "message-start");
    expect(lastValues(events).messages.at(-1).id).toBe(start?.params.data.id);
  });
});

describe("tool_agent", () => {
  it("runs one tool, then two in parallel, then streams an answer using their results", async () => {
    const { events, terminal } = await run("tool_agent", humanInput("weather and maths please"));
    expect(terminal.params.data.event).toBe("completed");
    const started = toolEvents(events, "tool-started");
    expect(started.map((event) => event.params.data.tool_name)).toEqual(["get_weather", "calculator", "calculator"]);
    const parallelNamespaces = new Set(started.slice(1).map((event) => event.params.namespace.join("/")));
    expect(parallelNamespaces.size).toBe(2);
    const outputs = toolEvents(events, "tool-finished").map((event) => event.params.data.output.content);
    expect(outputs).toEqual(["Paris: sunny, 21°C", "42", "20"]);
    expect(streamedText(events)).toContain("Paris: sunny, 21°C; 42; 20");
  });

  it("reports a throwing tool as tool-error and lets the agent answer", async () => {
    const { events, terminal } = await run("tool_agent", humanInput("please boom"));
    expect(terminal.params.data.event).toBe("completed");
    const errors = toolEvents(events, "tool-error");
    expect(errors).toHaveLength(1);
    expect(errors[0]?.params.data.message).toBe(CALCULATOR_BOOM_MESSAGE);
    expect(streamedText(events)).toContain(CALCULATOR_BOOM_MESSAGE);
  });
});

async function resume(started: StartedRun, params: Record<string, unknown>, fromIndex: number) {
  const reply = await sendCommand(server.url, started.threadId, "input.respond", params);
  expect(reply.type).toBe("success");
  const terminal = await started.stream.waitFor(isRootTerminal, { fromIndex });
  return { terminal, events: started.stream.events.slice(fromIndex).filter((event) => event.seq <= terminal.seq) };
}

describe("hitl", () => {
  const decisions = [
    [{ decision: "approve" }, 'Decision: approve. Ran send_email with {"to":"ada@example.com"'],
    [
      { decision: "edit", args: { to: "bob@example.com", subject: "Q3" } },
      'edited args {"to":"bob@example.com","subject":"Q3"}',
    ],
    [{ decision: "reject", reason: "not today" }, "Decision: reject. Did not run send_email; reason: not today."],
  ] as const;

  it.each(decisions)("interrupts for approval, then resumes with %j", async (response, expected) => {
    const first = await run("hitl", humanInput("send the report"));
    expect(first.terminal.params.data.event).toBe("interrupted");
    const requests = byMethod(first.events, "input.requested");
    expect(requests).toHaveLength(1);
    expect(requests[0]?.params.data.payload).toEqual({
      type: "approval",
      action: { name: "send_email", args: { to: "ada@example.com", subject: "Quarterly report" } },
      allowedDecisions: ["approve", "edit", "reject"],
      description: "Approve the call to send_email?",
    });
    const fromIndex = first.stream.events.length;
    const resumed = await resume(
      first,
      { namespace: [], interrupt_id: requests[0]?.params.data.interrupt_id, response },
      fromIndex,
    );
    expect(resumed.events[0]?.params.data).toMatchObject({ event: "running" });
    expect(resumed.terminal.params.data.event).toBe("completed");
    expect(streamedText(resumed.events)).toContain(expected);
    expect(lastValues(resumed.events).decision).toEqual(response);
  });
});

describe("double_interrupt", () => {
  it("pauses on two interrupts at once and resumes both with one batch input.respond", async () => {
    const first = await run("double_interrupt", humanInput("plan the project"));
    expect(first.terminal.params.data.event).toBe("interrupted");
    const requests = byMethod(first.events, "input.requested");
    expect(requests.map((event) => event.params.data.payload.field).sort()).toEqual(["budget", "schedule"]);
    const answers: Record<string, string> = { budget: "10k EUR", schedule: "end of May" };
    const responses = requests.map((event) => ({
      namespace: event.params.namespace,
      interrupt_id: event.params.data.interrupt_id,
      response: answers[event.params.data.payload.field],
    }));
    const resumed = await resume(first, { responses }, first.stream.events.length);
    expect(resumed.terminal.params.data.event).toBe("completed");
    expect(lastValues(resumed.events).answers).toEqual(answers);
    expect(streamedText(resumed.events)).toBe('Both answers are in: budget="10k EUR", schedule="end of May".');
  });
});

describe("nested_subgraph", () => {
  it("emits events under namespaces of depth 1, 2 and 3, with model tokens at depth 3", async () => {
    const { events, terminal } = await run("nested_subgraph", humanInput("research this"));
    expect(terminal.params.data.event).toBe("completed");
    const startedNames = byMethod(events, "lifecycle")
      .filter((event) => event.params.data.event === "started")
      .map((event) => event.params.namespace.map((segment: string) => segment.split(":")[0]).join("/"));
    const expected = ["research", "research/researcher", "research/researcher/draft"];
    expect(startedNames).toEqual(expect.arrayContaining(expected));
    const atDepthThree = (event: WireEvent) => event.params.namespace.length === 3;
    expect(streamedText(events, atDepthThree)).toBe(NESTED_DRAFT_TEXT);
  });
});

describe("nested_interrupt", () => {
  it("interrupts two subgraphs deep and resumes by interrupt id", async () => {
    const first = await run("nested_interrupt", humanInput("publish my draft"));
    expect(first.terminal.params.data.event).toBe("interrupted");
    const requests = byMethod(first.events, "input.requested");
    expect(requests).toHaveLength(1);
    const request = requests[0]!;
    // Raised at the namespace of the graph owning the interrupting node: the inner `editor` subgraph.
    const names = request.params.namespace.map((segment: string) => segment.split(":")[0]);
    expect(names).toEqual(["publishing", "editor"]);
    expect(request.params.data.payload).toEqual(NESTED_INTERRUPT_REQUEST);
    const resumed = await resume(
      first,
      { namespace: request.params.namespace, interrupt_id: request.params.data.interrupt_id, response: { decision: "approve" } },
      first.stream.events.length,
    );
    expect(resumed.terminal.params.data.event).toBe("completed");
    const atDepthThree = (event: WireEvent) => event.params.namespace.length === 3;
    expect(streamedText(resumed.events, atDepthThree)).toBe(nestedDecisionReply("approve"));
    expect(lastValues(resumed.events).messages.at(-1).content).toEqual(
      expect.arrayContaining([expect.objectContaining({ text: nestedDecisionReply("approve") })]),
    );
  });
});

describe("deep_agent", () => {
  it("starts two task tools and streams each subagent under its tool namespace", async () => {
    const { events, terminal } = await run("deep_agent", humanInput("streaming protocols"));
    expect(terminal.params.data.event).toBe("completed");
    const tasks = toolEvents(events, "tool-started").filter((event) => event.params.data.tool_name === "task");
    expect(tasks.map((event) => JSON.parse(event.params.data.input).subagent_type)).toEqual(["researcher", "writer"]);
    for (const task of tasks) {
      const prefix = task.params.namespace[0];
      const inside = (event: WireEvent) => event.params.namespace.length >= 2 && event.params.namespace[0] === prefix;
      expect(streamedText(events, inside).length).toBeGreaterThan(20);
    }
    const taskIds = new Set(tasks.map((task) => task.params.data.tool_call_id));
    const outputs = toolEvents(events, "tool-finished")
      .filter((event) => taskIds.has(event.params.data.tool_call_id))
      .map((event) => String(event.params.data.output.content));
    // The subagents run concurrently, so either may finish first.
    expect(outputs.sort()).toEqual([expect.stringMatching(/^Draft: /), expect.stringMatching(/^Research findings: /)]);
    const rootText = streamedText(events, (event) => event.params.namespace.length === 1);
    expect(rootText).toContain("Summary of both subagents: Research findings");
  });
});

describe("custom_events", () => {
  it("interleaves named progress events and unnamed custom events with the streamed reply", async () => {
    const { events, threadId } = await run("custom_events", humanInput("go"));
    const custom = byMethod(events, "custom");
    const progress = custom.filter((event) => event.params.data.name === PROGRESS_EVENT_NAME);
    const percents = progress.map((event) => event.params.data.percent as number);
    expect(percents[0]).toBe(0);
    expect(percents.at(-1)).toBe(100);
    expect([...percents].sort((left, right) => left - right)).toEqual(percents);
    const unnamed = custom.filter((event) => event.params.data.name === undefined);
    expect(unnamed.map((event) => event.params.data.payload)).toEqual([
      "status: thinking",
      { stage: "finished", characters: CUSTOM_EVENTS_REPLY.length },
    ]);
    const deltaSeqs = byMethod(events, "messages")
      .filter((event) => event.params.data.event === "content-block-delta")
      .map((event) => event.seq);
    const [firstDelta, lastDelta] = [Math.min(...deltaSeqs), Math.max(...deltaSeqs)];
    const interleaved = progress.filter((event) => event.seq > firstDelta && event.seq < lastDelta);
    expect(interleaved.length).toBeGreaterThanOrEqual(2);
    expect(streamedText(events)).toBe(CUSTOM_EVENTS_REPLY);

    const named = await SseEventStream.open(server.url, threadId, { channels: [`custom:${PROGRESS_EVENT_NAME}`] });
    server.track(named);
    await named.waitFor((event) => event.params.data.percent === 100);
    expect(named.events.every((event) => event.params.data.name === PROGRESS_EVENT_NAME)).toBe(true);
    expect(named.events).toHaveLength(progress.length);
  });
});

describe("media", () => {
  it("streams inline image, URL image and audio blocks whose bytes reassemble exactly", async () => {
    const { events, terminal } = await run("media", humanInput("show me"));
    expect(terminal.params.data.event).toBe("completed");
    const data = byMethod(events, "messages").map((event) => event.params.data);
    const starts = data.filter((item) => item.event === "content-block-start").map((item) => item.content);
    const inline = starts.find((block) => block.type === "image" && block.data);
    expect(inline).toMatchObject({ mime_type: "image/png", data: MEDIA_PAYLOADS.png });
    expect(Buffer.from(inline.data, "base64").subarray(1, 4).toString("ascii")).toBe("PNG");
    expect(starts.find((block) => block.type === "image" && block.url)).toMatchObject({ url: MEDIA_IMAGE_URL });
    const audioStart = starts.find((block) => block.type === "audio");
    expect(audioStart).toMatchObject({ mime_type: "audio/wav", transcript: "a short tone" });
    const audioDeltas = data.filter((item) => item.event === "content-block-delta" && item.delta.type === "data-delta");
    expect(audioDeltas.length).toBe(2);
    const audio = audioStart.data + audioDeltas.map((item) => item.delta.data).join("");
    expect(audio).toBe(MEDIA_PAYLOADS.wav);
    expect(Buffer.from(audio, "base64").subarray(0, 4).toString("ascii")).toBe("RIFF");
    const stored = lastValues(events).messages.at(-1).content;
    expect(stored.map((block: { type: string }) => block.type)).toEqual(["text", "image", "image", "audio"]);
  });
});

describe("long_history", () => {
  it("seeds the default 300 messages and streams a reply at the end", async () => {
    const { events, terminal } = await run("long_history", humanInput("how long is this?"));
    expect(terminal.params.data.event).toBe("completed");
    expect(lastValues(events).messages).toHaveLength(DEFAULT_HISTORY_SIZE + 2);
    expect(streamedText(events)).toContain(`holds ${DEFAULT_HISTORY_SIZE + 1} messages`);
  });

  it("honours history_size from the input", async () => {
    const { events } = await run("long_history", { ...humanInput("short"), history_size: 10 });
    expect(lastValues(events).messages).toHaveLength(12);
  });
});

describe("demo", () => {
  it("calls a tool, asks approval before send_email, delegates to a subagent, then answers", async () => {
    const first = await run("demo", humanInput("a trip to Paris"));
    expect(first.terminal.params.data.event).toBe("interrupted");
    expect(toolEvents(first.events, "tool-finished")[0]?.params.data.output.content).toBe("Paris: sunny, 21°C");
    const [request] = byMethod(first.events, "input.requested");
    expect(request?.params.data.payload).toMatchObject({ type: "approval", action: { name: "send_email" } });
    const response = { decision: "approve" };
    const params = { namespace: request?.params.namespace, interrupt_id: request?.params.data.interrupt_id, response };
    const resumed = await resume(first, params, first.stream.events.length);
    expect(resumed.terminal.params.data.event).toBe("completed");
    const names = toolEvents(resumed.events, "tool-started").map((event) => event.params.data.tool_name);
    expect(names).toEqual(["send_email", "task", "search_notes"]);
    const finalText = streamedText(resumed.events, (event) => event.params.namespace.length === 1);
    expect(finalText).toContain("All done. Weather: Paris: sunny, 21°C Email: Decision: approve.");
  });
});
