/**
 * Types of headless (client-side) tools.
 */

/** A tool call the graph asks the client to run (an interrupt payload `{type: "tool", toolCall}`). */
export interface ToolRequest<TArgs = Record<string, unknown>, TName extends string = string> {
  /** The model's tool call id. */
  readonly id: string;
  readonly name: TName;
  readonly args: TArgs;
}

/** What a headless tool's `execute` receives besides its arguments. */
export interface HeadlessToolContext {
  readonly toolCall: ToolRequest;
  /** The interrupt the result answers. */
  readonly interruptId: string;
  /** Aborted when the runner is disposed (the UI went away). */
  readonly signal: AbortSignal;
}

/**
 * A tool the client runs when the graph asks for it: its result resumes the graph.
 *
 * @example
 * const getLocation: HeadlessTool<{ precision: string }, { city: string }, "get_location"> = {
 *   name: "get_location",
 *   execute: async () => ({ city: "Paris" }),
 * };
 */
export interface HeadlessTool<TArgs = any, TResult = unknown, TName extends string = string> {
  readonly name: TName;
  execute(args: TArgs, context: HeadlessToolContext): TResult | Promise<TResult>;
}

/** Reported through `onTool` around each execution. */
export type HeadlessToolEvent =
  | { readonly type: "start"; readonly toolCall: ToolRequest; readonly interruptId: string }
  | {
      readonly type: "success";
      readonly toolCall: ToolRequest;
      readonly interruptId: string;
      readonly result: unknown;
      readonly durationMs: number;
    }
  | {
      readonly type: "error";
      readonly toolCall: ToolRequest;
      readonly interruptId: string;
      readonly error: unknown;
      readonly durationMs: number;
    };

/** Options shared by everything that runs headless tools (`tools`, `onTool`). */
export interface HeadlessToolsOptions {
  /** Tools the client runs; a request for any other tool is answered with an error result. */
  tools?: readonly HeadlessTool[];
  /** Called when a tool starts, succeeds or fails. */
  onTool?: (event: HeadlessToolEvent) => void;
}
