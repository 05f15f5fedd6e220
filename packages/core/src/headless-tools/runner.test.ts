import { describe, expect, it, vi } from "vitest";
import type { PendingInterrupt } from "../thread/interrupt-tracker";
import type { RespondParams } from "../thread/thread-stream";
import { filterHeadlessToolInterrupts, readToolRequest } from "./payload";
import { HeadlessToolRunner, toolInterruptsOf, type HeadlessThread } from "./runner";
import type { HeadlessToolEvent } from "./types";

const toolInterrupt = (interruptId: string, id: string, name: string, args: Record<string, unknown> = {}): PendingInterrupt => ({
  interruptId,
  namespace: [],
  payload: { type: "tool", toolCall: { id, name, args } },
});

class FakeHeadlessThread implements HeadlessThread {
  interrupts: PendingInterrupt[] = [];
  interrupted = false;
  readonly respond = vi.fn(async (_params: RespondParams) => undefined);
  readonly input = { respond: this.respond };
  readonly #listeners = new Set<() => void>();

  onInterruptsChange(listener: () => void) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  raise(...interrupts: PendingInterrupt[]): void {
    this.interrupts = [...this.interrupts, ...interrupts];
    for (const listener of this.#listeners) listener();
  }

  pause(): void {
    this.interrupted = true;
    for (const listener of this.#listeners) listener();
  }
}

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
};

describe("HeadlessToolRunner", () => {
  // Regression (reference B5): a resume went to the newest interrupt instead of the one it answered.
  it("runs parallel requests once the run pauses and answers each interrupt by id in one resume", async () => {
    const location = deferred<{ city: string }>();
    const thread = new FakeHeadlessThread();
    const runner = new HeadlessToolRunner({
      tools: [
        { name: "get_location", execute: () => location.promise },
        { name: "get_time", execute: (args: { zone: string }) => `12:00 ${args.zone}` },
      ],
    });
    runner.attach(thread);
    thread.raise(toolInterrupt("int-loc", "call-loc", "get_location"));
    thread.raise(toolInterrupt("int-time", "call-time", "get_time", { zone: "UTC" }));
    expect(thread.respond).not.toHaveBeenCalled();
    thread.pause();
    location.resolve({ city: "Paris" }); // finishes after get_time
    await vi.waitFor(() => expect(thread.respond).toHaveBeenCalledTimes(1));
    expect(thread.respond).toHaveBeenCalledWith({
      responses: [
        { interruptId: "int-loc", namespace: [], response: { city: "Paris" } },
        { interruptId: "int-time", namespace: [], response: "12:00 UTC" },
      ],
    });
    thread.pause();
    await Promise.resolve();
    expect(thread.respond).toHaveBeenCalledTimes(1);
  });

  it("answers an unknown tool or a throwing tool with an error result and reports it", async () => {
    const events: HeadlessToolEvent["type"][] = [];
    const thread = new FakeHeadlessThread();
    const runner = new HeadlessToolRunner({
      tools: [{ name: "flaky", execute: () => Promise.reject(new Error("device offline")) }],
      onTool: (event) => events.push(event.type),
    });
    runner.attach(thread);
    thread.raise(toolInterrupt("int-1", "c-1", "flaky"), toolInterrupt("int-2", "c-2", "missing"));
    thread.pause();
    await vi.waitFor(() => expect(thread.respond).toHaveBeenCalled());
    const [{ responses }] = thread.respond.mock.calls[0] as unknown as [{ responses: { response: { error: string } }[] }];
    expect(responses[0]!.response.error).toBe("device offline");
    expect(responses[1]!.response.error).toContain('"missing" is not registered');
    expect(events.sort()).toEqual(["error", "error", "start"]);
  });

  it("leaves other interrupts alone and uses a custom respond", async () => {
    const thread = new FakeHeadlessThread();
    const respond = vi.fn(async () => undefined);
    new HeadlessToolRunner({ tools: [{ name: "ping", execute: () => "pong" }], respond }).attach(thread);
    thread.raise({ interruptId: "approval", namespace: [], payload: { type: "approval" } });
    thread.pause();
    await Promise.resolve();
    expect(respond).not.toHaveBeenCalled();
    thread.raise(toolInterrupt("int-ping", "c-ping", "ping"));
    await vi.waitFor(() => expect(respond).toHaveBeenCalledWith([{ interruptId: "int-ping", namespace: [], response: "pong" }]));
    expect(thread.respond).not.toHaveBeenCalled();
  });

  it("sends nothing after dispose and aborts running tools", async () => {
    const thread = new FakeHeadlessThread();
    let signal: AbortSignal | undefined;
    const started = deferred<void>();
    const runner = new HeadlessToolRunner({
      tools: [{ name: "slow", execute: (_args: unknown, context) => ((signal = context.signal), started.resolve(), new Promise(() => undefined)) }],
    });
    runner.attach(thread);
    thread.raise(toolInterrupt("int-1", "c-1", "slow"));
    thread.pause();
    await started.promise;
    runner.dispose();
    expect(signal?.aborted).toBe(true);
  });
});

describe("tool-request interrupts", () => {
  it("reads both payload spellings and ignores other interrupts", () => {
    expect(readToolRequest({ type: "tool", tool_call: { id: "a", name: "x", args: { n: 1 } } })).toEqual({ id: "a", name: "x", args: { n: 1 } });
    expect(readToolRequest({ type: "approval" })).toBeUndefined();
    expect(readToolRequest({ type: "tool", toolCall: { name: "no id" } })).toBeUndefined();
  });

  it("hides tool requests from a controller's list and keeps the array when there are none", () => {
    const approval = { id: "a", value: { type: "approval" }, namespace: [] };
    const tool = { id: "t", value: { type: "tool", toolCall: { id: "c", name: "x", args: {} } }, namespace: [] };
    expect(filterHeadlessToolInterrupts([approval, tool])).toEqual([approval]);
    const only = [approval];
    expect(filterHeadlessToolInterrupts(only)).toBe(only);
    expect(toolInterruptsOf([approval, tool])).toEqual([{ interruptId: "t", namespace: [], request: { id: "c", name: "x", args: {} } }]);
  });
});
