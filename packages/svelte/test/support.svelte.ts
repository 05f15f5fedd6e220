/**
 * Helpers shared by the Svelte binding's browser tests.
 */
import { flushSync, mount, unmount, type Component } from "svelte";
import { afterEach } from "vitest";

export { pause, seedThread } from "@agent-stream/test-kit/scenarios";

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

