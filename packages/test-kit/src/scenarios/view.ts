/**
 * Reads what the scenario app rendered (see the DOM contract in `harness.ts`).
 */
import { SCENARIO_TEST_IDS as ids } from "./harness.js";

/** One rendered message. */
export interface ViewMessage {
  readonly id: string;
  readonly type: string;
  readonly status: string;
  readonly text: string;
}

/** Everything the scenario app shows, parsed from the DOM. */
export interface ScenarioView {
  readonly threadId: string;
  readonly isLoading: boolean;
  readonly isThreadLoading: boolean;
  readonly error: string;
  readonly messages: readonly ViewMessage[];
  readonly toolCalls: readonly { id: string; name: string; status: string; output: string }[];
  readonly interrupts: readonly { id: string; value: unknown }[];
  readonly extension: unknown;
  readonly images: readonly { id: string; src: string }[];
  readonly subagents: readonly { name: string; status: string; messages: string[] }[];
  readonly queue: readonly string[];
}

function all(root: ParentNode, testId: string): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
}

function text(root: ParentNode, testId: string): string {
  return all(root, testId)[0]?.textContent ?? "";
}

function json(source: string): unknown {
  return source === "" ? undefined : JSON.parse(source);
}

/**
 * Parses the scenario app's DOM.
 *
 * @example
 * expect(readScenarioView(app.container).messages.at(-1)?.text).toContain("You said");
 */
export function readScenarioView(container: HTMLElement): ScenarioView {
  return {
    threadId: text(container, ids.threadId),
    isLoading: text(container, ids.loading) === "true",
    isThreadLoading: text(container, ids.threadLoading) === "true",
    error: text(container, ids.error),
    messages: all(container, ids.message).map((element) => ({
      id: element.dataset.id ?? "",
      type: element.dataset.type ?? "",
      status: element.dataset.status ?? "",
      text: element.textContent ?? "",
    })),
    toolCalls: all(container, ids.toolCall).map((element) => ({
      id: element.dataset.id ?? "",
      name: element.dataset.name ?? "",
      status: element.dataset.status ?? "",
      output: element.textContent ?? "",
    })),
    interrupts: all(container, ids.interrupt).map((element) => ({
      id: element.dataset.id ?? "",
      value: json(element.textContent ?? ""),
    })),
    extension: json(text(container, ids.extension)),
    images: all(container, ids.image).map((element) => ({
      id: element.dataset.id ?? "",
      src: element.getAttribute("src") ?? "",
    })),
    subagents: all(container, ids.subagent).map((element) => ({
      name: element.dataset.name ?? "",
      status: element.dataset.status ?? "",
      messages: all(element, ids.subagentMessage).map((message) => message.textContent ?? ""),
    })),
    queue: all(container, ids.queueEntry).map((element) => element.dataset.id ?? ""),
  };
}

/**
 * Records every distinct text the last AI message showed, from DOM mutations, until `stop()`.
 *
 * @example
 * const recorder = recordAiTexts(app.container);
 * // ... stream ...
 * expect(recorder.stop().length).toBeGreaterThan(5);
 */
export function recordAiTexts(container: HTMLElement): { stop(): string[] } {
  const seen: string[] = [];
  const sample = (): void => {
    const last = readScenarioView(container).messages.filter((message) => message.type === "ai").at(-1);
    if (last !== undefined && last.text !== seen.at(-1)) seen.push(last.text);
  };
  const observer = new MutationObserver(sample);
  observer.observe(container, { subtree: true, childList: true, characterData: true });
  sample();
  return {
    stop() {
      observer.disconnect();
      sample();
      return seen;
    },
  };
}
