/**
 * Runs headless tools for the interrupts that ask for them and resumes the graph with the results.
 */
import { reportUncaughtError } from "../store/report-error";
import type { PendingInterrupt } from "../thread/interrupt-tracker";
import type { InterruptResponse, RespondParams } from "../thread/thread-stream";
import { readToolRequest } from "./payload";
import type { HeadlessToolEvent, HeadlessToolsOptions, ToolRequest } from "./types";

/** What the runner needs from a thread (`ThreadStream` fits). */
export interface HeadlessThread {
  readonly interrupts: readonly PendingInterrupt[];
  /** True once the run paused: every interrupt of the step has arrived. */
  readonly interrupted: boolean;
  onInterruptsChange(listener: () => void): () => void;
  readonly input: { respond(params: RespondParams): Promise<void> };
}

/** An interrupt that asks for a tool. */
export interface ToolInterrupt {
  readonly interruptId: string;
  readonly namespace: readonly string[];
  readonly request: ToolRequest;
}

/** Options of {@link HeadlessToolRunner}. */
export interface HeadlessToolRunnerOptions extends HeadlessToolsOptions {
  /**
   * Sends the results, all in one command (default: `thread.input.respond({ responses })`). A
   * controller passes its own `respondAll` so its interrupt list stays in step.
   */
  respond?: (answers: InterruptResponse[]) => Promise<void>;
  /** Errors of `onTool` callbacks and of sending the results (default: reported as uncaught). */
  onError?: (error: unknown) => void;
}

/**
 * Answers tool-request interrupts (`{type: "tool", toolCall: {id, name, args}}`) with the matching
 * headless tool's result. Once the run has paused, every unanswered request runs in parallel and
 * the results go back in ONE resume, each addressed to its own interrupt id, so parallel tool
 * calls never answer each other's interrupts. A request is run once. An unknown tool, or a tool
 * that throws, is answered with `{ error }` so the graph is not left waiting.
 *
 * @example
 * const runner = new HeadlessToolRunner({ tools: [getLocation], onTool: console.log });
 * const detach = runner.attach(thread);
 */
export class HeadlessToolRunner {
  readonly #options: HeadlessToolRunnerOptions;
  readonly #claimed = new Set<string>();
  readonly #abort = new AbortController();

  constructor(options: HeadlessToolRunnerOptions = {}) {
    this.#options = options;
  }

  /**
   * Watches `thread`: whenever it is paused with unanswered tool requests, runs them and resumes.
   * Returns the function that stops watching.
   *
   * @example
   * const detach = runner.attach(thread);
   */
  attach(thread: HeadlessThread): () => void {
    const check = (): void => {
      if (!thread.interrupted || this.#abort.signal.aborted) return;
      const pending = toolInterruptsOf(thread.interrupts);
      if (pending.length === 0) return;
      const respond = this.#options.respond ?? ((answers) => thread.input.respond({ responses: answers }));
      void this.handle(pending, respond);
    };
    const stop = thread.onInterruptsChange(check);
    check();
    return stop;
  }

  /**
   * Runs the requests not run yet, in parallel, and sends their results in one `respond` call.
   * Resolves when the results were sent (or nothing was left to run).
   *
   * @example
   * await runner.handle(toolInterruptsOf(thread.interrupts), (answers) => thread.input.respond({ responses: answers }));
   */
  async handle(
    interrupts: readonly ToolInterrupt[],
    respond: (answers: InterruptResponse[]) => Promise<void>,
  ): Promise<void> {
    const fresh = interrupts.filter((interrupt) => !this.#claimed.has(interrupt.interruptId));
    if (fresh.length === 0) return;
    for (const interrupt of fresh) this.#claimed.add(interrupt.interruptId);
    const answers = await Promise.all(
      fresh.map(
        async (interrupt): Promise<InterruptResponse> => ({
          interruptId: interrupt.interruptId,
          namespace: [...interrupt.namespace],
          response: await this.#run(interrupt),
        }),
      ),
    );
    if (this.#abort.signal.aborted) return;
    try {
      await respond(answers);
    } catch (error) {
      (this.#options.onError ?? reportUncaughtError)(error);
    }
  }

  /** Stops running tools: executions in flight see their `signal` aborted and nothing more is sent. */
  dispose(): void {
    this.#abort.abort();
  }

  async #run(interrupt: ToolInterrupt): Promise<unknown> {
    const { request: toolCall, interruptId } = interrupt;
    const tool = this.#options.tools?.find((candidate) => candidate.name === toolCall.name);
    if (tool === undefined) {
      const error = new Error(`Headless tool "${toolCall.name}" is not registered; pass it in the \`tools\` option.`);
      this.#notify({ type: "error", toolCall, interruptId, error, durationMs: 0 });
      return { error: error.message };
    }
    this.#notify({ type: "start", toolCall, interruptId });
    const startedAt = Date.now();
    try {
      const result = await tool.execute(toolCall.args, { toolCall, interruptId, signal: this.#abort.signal });
      this.#notify({ type: "success", toolCall, interruptId, result, durationMs: Date.now() - startedAt });
      return result;
    } catch (error) {
      this.#notify({ type: "error", toolCall, interruptId, error, durationMs: Date.now() - startedAt });
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }

  #notify(event: HeadlessToolEvent): void {
    try {
      this.#options.onTool?.(event);
    } catch (error) {
      (this.#options.onError ?? reportUncaughtError)(error);
    }
  }
}

/**
 * The tool requests among pending interrupts (a `ThreadStream`'s or a controller's list).
 *
 * @example
 * const requests = toolInterruptsOf(controller.rootStore.getSnapshot().interrupts);
 */
export function toolInterruptsOf(
  interrupts: readonly (
    | { readonly interruptId: string; readonly payload: unknown; readonly namespace: readonly string[] }
    | { readonly id: string; readonly value: unknown; readonly namespace: readonly string[] }
  )[],
): ToolInterrupt[] {
  const found: ToolInterrupt[] = [];
  for (const interrupt of interrupts) {
    const isThreadShape = "interruptId" in interrupt;
    const request = readToolRequest(isThreadShape ? interrupt.payload : interrupt.value);
    if (request === undefined) continue;
    found.push({ interruptId: isThreadShape ? interrupt.interruptId : interrupt.id, namespace: interrupt.namespace, request });
  }
  return found;
}
