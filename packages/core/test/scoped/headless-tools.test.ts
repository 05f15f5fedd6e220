import { describe, expect, it, vi } from "vitest";
import { filterHeadlessToolInterrupts, headlessTool, HeadlessToolRunner, type HeadlessToolEvent } from "../../src/headless-tools/index";
import type { RespondParams } from "../../src/thread/thread-stream";
import { humanRun, lastAiText, TRANSPORTS } from "../support";
import { useThreads } from "./support";

describe.each(TRANSPORTS)("headless tools over %s", (transport) => {
  const threads = useThreads(transport);

  // Regression (reference B5): each result must resume its own interrupt, not the newest one.
  it("runs two parallel tool interrupts on the client and resumes both in one command", async () => {
    const thread = threads.open("headless_tools");
    let releaseLocation!: () => void;
    const locationGate = new Promise<void>((resolve) => (releaseLocation = resolve));
    const tools = [
      headlessTool({
        name: "get_location",
        execute: async (args: { precision: string }) => {
          await locationGate; // finishes after get_local_time
          return { city: "Paris", precision: args.precision };
        },
      }),
      headlessTool({ name: "get_local_time", execute: (args: { format: string }) => `14:05 (${args.format})` }),
    ];
    const events: HeadlessToolEvent[] = [];
    const runner = new HeadlessToolRunner({ tools, onTool: (event) => events.push(event) });
    threads.defer(() => runner.dispose());
    const respond = vi.spyOn(thread.input, "respond");
    runner.attach(thread);

    await thread.run.start(humanRun("where and when am I?", 0));
    await vi.waitFor(() => expect(thread.interrupts).toHaveLength(2));
    // The two requests are handled by the runner: nothing is left for the user to answer.
    expect(filterHeadlessToolInterrupts(thread.interrupts)).toEqual([]);
    await vi.waitFor(() => expect(events.filter((event) => event.type === "success")).toHaveLength(1));
    expect(respond).not.toHaveBeenCalled();
    const toolOfInterrupt = new Map(
      thread.interrupts.map((interrupt) => [interrupt.interruptId, (interrupt.payload as { toolCall: { name: string } }).toolCall.name]),
    );
    releaseLocation();

    await vi.waitFor(() => expect(respond).toHaveBeenCalledTimes(1));
    const { responses } = respond.mock.calls[0]![0] as Extract<RespondParams, { responses: unknown }>;
    const answered = Object.fromEntries(responses.map((answer) => [toolOfInterrupt.get(answer.interruptId), answer.response]));
    expect(answered).toEqual({ get_location: { city: "Paris", precision: "city" }, get_local_time: "14:05 (24h)" });

    const output = (await thread.output) as { messages: { type: string; name?: string; content: unknown; tool_call_id?: string }[] };
    expect(lastAiText(output)).toContain("Using both client results");
    const toolMessages = output.messages.filter((message) => message.type === "tool");
    const contentByTool = Object.fromEntries(toolMessages.map((message) => [message.name, message.content]));
    expect(contentByTool).toEqual({
      get_location: JSON.stringify({ city: "Paris", precision: "city" }),
      get_local_time: "14:05 (24h)",
    });
    for (const message of toolMessages) expect(message.tool_call_id).toMatch(new RegExp(`^call_${message.name}_`));
    expect(lastAiText(output)).toContain('get_location={"city":"Paris","precision":"city"}');
    expect(lastAiText(output)).toContain("get_local_time=14:05 (24h)");
    expect(respond).toHaveBeenCalledTimes(1);
    expect(events.map((event) => event.type).sort()).toEqual(["start", "start", "success", "success"]);
  });
});
