/**
 * Helpers shared by the Svelte binding's browser tests.
 */
import { createStreamController, type StreamController } from "@agent-stream/core";
import { agentServerUrl } from "@agent-stream/test-kit/scenarios";
import { flushSync, mount, unmount, type Component } from "svelte";
import { afterEach } from "vitest";

/** A piece of raw state a test changes and a component reads through a getter. */
export class Cell<T> {
  value: T = $state.raw(undefined!);

  constructor(value: T) {
    this.value = value;
  }

  /** Sets the value and flushes Svelte's effects at once. */
  set(value: T): void {
    this.value = value;
    flushSync();
  }
}

/** `config` that paces the scripted model at `tokenDelayMs` per token. */
export const paced = (tokenDelayMs: number) => ({ config: { configurable: { token_delay_ms: tokenDelayMs } } });

/** A mounted component and what it rendered. */
export interface Rendered {
  readonly container: HTMLElement;
  /** Text of every element with `data-testid={testId}`. */
  texts(testId: string): string[];
  /** Text of the first element with `data-testid={testId}` ("" when none). */
  text(testId: string): string;
  unmount(): Promise<void>;
}

const mounted: Rendered[] = [];

afterEach(async () => {
  for (const rendered of mounted.splice(0)) await rendered.unmount();
});

/** Mounts `component` with `props` into the page; unmounted after the test. */
export function render<TProps extends Record<string, any>>(component: Component<TProps>, props: TProps): Rendered {
  const container = document.createElement("div");
  document.body.append(container);
  const app = mount(component, { target: container, props });
  flushSync();
  let alive = true;
  const texts = (testId: string) => [...container.querySelectorAll(`[data-testid="${testId}"]`)].map((element) => element.textContent ?? "");
  const rendered: Rendered = {
    container,
    texts,
    text: (testId) => texts(testId)[0] ?? "",
    async unmount() {
      if (!alive) return;
      alive = false;
      await unmount(app);
      container.remove();
    },
  };
  mounted.push(rendered);
  return rendered;
}

/** Runs one exchange on a new thread with a throwaway controller; resolves to the thread id. */
export async function seedThread(assistantId: string, text: string): Promise<string> {
  const controller: StreamController = createStreamController({ assistantId, apiUrl: agentServerUrl() });
  try {
    await controller.submit({ messages: text }, paced(1));
    const { threadId, error } = controller.rootStore.getSnapshot();
    if (threadId === null || error !== undefined) throw new Error(`seedThread failed: ${String(error)}`);
    return threadId;
  } finally {
    await controller.dispose();
  }
}

/** Resolves after `ms` milliseconds. */
export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
