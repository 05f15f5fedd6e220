/**
 * The harness interface every binding implements to run the scenario suite, and the DOM contract
 * its scenario app renders. Browser-safe: no Node import.
 */

/** Transports the suite runs every scenario over. */
export type ScenarioTransport = "sse" | "websocket";

/** Which optional views the scenario app renders (each one mounts its selector hook). */
export interface ScenarioViews {
  /** `custom:<name>` through the binding's extension hook, rendered as JSON. */
  extension?: string;
  /** Images through the image hook + media-URL hook. */
  images?: boolean;
  /** One card per subagent with its own messages (scoped messages hook). */
  subagents?: boolean;
  /** The submission queue. */
  queue?: boolean;
}

/** What the scenario app is mounted with. */
export interface ScenarioMountOptions {
  apiUrl: string;
  assistantId: string;
  transport: ScenarioTransport;
  /** The `threadId` option (undefined: uncontrolled; `null`: a new thread). */
  threadId?: string | null;
  /** Wrap the app in the framework's strict / development double-mount mode where it has one. */
  strictMode?: boolean;
  views?: ScenarioViews;
}

/** Submit options the scenarios use. */
export interface ScenarioSubmitOptions {
  config?: { configurable?: Record<string, unknown> };
  multitaskStrategy?: "rollback" | "interrupt" | "reject" | "enqueue";
}

/** What a scenario can do, each through the binding's own handle. */
export interface ScenarioActions {
  submit(input: Record<string, unknown> | null, options?: ScenarioSubmitOptions): Promise<void>;
  respond(response: unknown, options?: { interruptId?: string }): Promise<void>;
  respondAll(responses: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
  disconnect(): Promise<void>;
  cancelQueued(id: string): Promise<boolean>;
}

/** A mounted scenario app. */
export interface MountedScenarioApp {
  /** The element the app rendered into: read it with `readScenarioView`. */
  readonly container: HTMLElement;
  readonly actions: ScenarioActions;
  /** Changes the `threadId` option (a prop / ref / signal change, not a remount). */
  setThreadId(threadId: string | null): Promise<void>;
  /** Unmounts the app (the binding must release every connection). */
  unmount(): Promise<void>;
}

/**
 * A binding's harness: mounts its scenario app. The app renders the DOM contract below.
 *
 * @example
 * runScenarioSuite({ binding: "react", mount: (options) => mountReactScenarioApp(options) });
 */
export interface BindingHarness {
  /** Shown in test names, e.g. "react". */
  readonly binding: string;
  mount(options: ScenarioMountOptions): Promise<MountedScenarioApp>;
}

/**
 * The DOM contract of the scenario app (`data-testid` values). Every element holds plain text.
 *
 * - `thread-id`: the bound thread id, or empty.
 * - `loading`, `thread-loading`: `"true"` / `"false"`.
 * - `error`: the error's message, or empty.
 * - `message` (one per root message, in order): attributes `data-id`, `data-type`
 *   (`human`/`ai`/`tool`/...), `data-status` (optimistic status or empty); text = message text.
 * - `tool-call`: attributes `data-id`, `data-name`, `data-status`; text = output as JSON, or empty.
 * - `interrupt`: attribute `data-id`; text = the interrupt value as JSON.
 * - `extension` (views.extension): the latest payload as JSON, or empty.
 * - `image` (views.images): an `<img>` whose `src` is the media URL, attribute `data-id`.
 * - `subagent` (views.subagents): attributes `data-name`, `data-status`; inside it, one
 *   `subagent-message` per message of that subagent (text = message text).
 * - `queue-entry` (views.queue): attribute `data-id`.
 */
export const SCENARIO_TEST_IDS = {
  threadId: "thread-id",
  loading: "loading",
  threadLoading: "thread-loading",
  error: "error",
  message: "message",
  toolCall: "tool-call",
  interrupt: "interrupt",
  extension: "extension",
  image: "image",
  subagent: "subagent",
  subagentMessage: "subagent-message",
  queueEntry: "queue-entry",
} as const;
