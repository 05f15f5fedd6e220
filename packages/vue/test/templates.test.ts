/**
 * Real SFC templates: the three documented ways to read the handle in a template, context
 * sharing, and plugin defaults.
 */
import { agentServerUrl } from "@agent-stream/test-kit/scenarios";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp, defineComponent, h, Suspense, type App, type Component } from "vue";
import { AgentStreamPlugin, useStreamContext, type StreamDefaults } from "../src/index";
import BareHandle from "./templates/bare-handle.vue";
import ContextProvider from "./templates/context-provider.vue";
import DestructuredHandle from "./templates/destructured-handle.vue";
import PluginDefaults from "./templates/plugin-defaults.vue";
import ReactiveHandle from "./templates/reactive-handle.vue";
import SuspenseChat from "./templates/suspense-chat.vue";
import { seedThread } from "./support";

const mounted: { app: App; container: HTMLElement }[] = [];
afterEach(() => {
  for (const { app, container } of mounted.splice(0)) {
    app.unmount();
    container.remove();
  }
});

function mount(component: Component, props: Record<string, unknown> = {}, defaults?: StreamDefaults): HTMLElement {
  const container = document.createElement("div");
  document.body.append(container);
  const app = createApp(component, props);
  if (defaults !== undefined) app.use(AgentStreamPlugin, defaults);
  app.mount(container);
  mounted.push({ app, container });
  return container;
}

const byTestId = <T extends HTMLElement = HTMLElement>(root: ParentNode, id: string): T =>
  root.querySelector<T>(`[data-testid="${id}"]`)!;

describe("templates", () => {
  it("bare handle: a nested ref in a binding is the ref object, .value and interpolation are the value", async () => {
    const root = mount(BareHandle, { apiUrl: agentServerUrl() });
    // Documented pitfall: `:disabled="stream.isLoading"` binds the (truthy) ref object.
    expect(byTestId<HTMLButtonElement>(root, "nested-ref").disabled).toBe(true);
    expect(byTestId<HTMLButtonElement>(root, "dot-value").disabled).toBe(false);
    expect(byTestId(root, "interpolated").textContent).toBe("false");

    byTestId(root, "send").click();
    await vi.waitFor(() => expect(byTestId<HTMLButtonElement>(root, "dot-value").disabled).toBe(true));
    expect(byTestId(root, "interpolated").textContent).toBe("true");
    await vi.waitFor(() => expect(byTestId<HTMLButtonElement>(root, "dot-value").disabled).toBe(false), { timeout: 10_000 });
    expect(byTestId(root, "interpolated").textContent).toBe("false");
    expect(byTestId(root, "count").textContent).toBe("2");
    expect(byTestId<HTMLButtonElement>(root, "nested-ref").disabled).toBe(true);
  });

  for (const [name, component] of [
    ["destructured fields", DestructuredHandle],
    ["reactive() handle", ReactiveHandle],
  ] as const) {
    it(`${name}: bindings, v-if and v-for follow the stream`, async () => {
      const root = mount(component, { apiUrl: agentServerUrl() });
      const send = byTestId<HTMLButtonElement>(root, "send");
      expect(send.disabled).toBe(false);
      expect(byTestId(root, "busy")).toBeNull();

      send.click();
      await vi.waitFor(() => {
        expect(send.disabled).toBe(true);
        expect(byTestId(root, "busy")).not.toBeNull();
      });
      await vi.waitFor(() => expect(send.disabled).toBe(false), { timeout: 10_000 });
      expect(byTestId(root, "busy")).toBeNull();
      const texts = [...root.querySelectorAll('[data-testid="message"]')].map((element) => element.textContent);
      expect(texts).toHaveLength(2);
      expect(texts[0]).toBe("go");
      expect(texts[1]).toContain("word200");
      if (component === ReactiveHandle) expect(byTestId(root, "selector-count").textContent).toBe("2");
    });
  }
});

describe("<Suspense>", () => {
  it("an async setup awaiting hydrationPromise shows the fallback, then the loaded thread at once", async () => {
    const threadId = await seedThread("text", "suspended");
    const Shell = defineComponent(() => () =>
      h(Suspense, null, {
        default: () => h(SuspenseChat, { apiUrl: agentServerUrl(), threadId }),
        fallback: () => h("p", { "data-testid": "fallback" }, "loading"),
      }),
    );
    const root = mount(Shell);
    expect(byTestId(root, "fallback")).not.toBeNull();
    await vi.waitFor(() => expect(byTestId(root, "fallback")).toBeNull());
    // The first render of the chat already has the thread's messages.
    expect(byTestId(root, "first-render").textContent).toBe("2");
    const texts = [...root.querySelectorAll('[data-testid="message"]')].map((element) => element.textContent);
    expect(texts[0]).toBe("suspended");
    expect(texts).toHaveLength(2);
  });
});

describe("provideStream / useStreamContext", () => {
  it("shares one stream with every consumer below the provider", async () => {
    const root = mount(ContextProvider, { apiUrl: agentServerUrl() });
    const [first, second] = [byTestId(root, "first"), byTestId(root, "second")];
    byTestId(first, "send").click();
    await vi.waitFor(() => expect(byTestId(second, "last").textContent).toContain('You said "shared"'));
    expect(byTestId(second, "thread").textContent).not.toBe("");
    expect(byTestId(second, "thread").textContent).toBe(byTestId(first, "thread").textContent);
  });

  it("throws a clear error without a provider", () => {
    let thrown: unknown;
    const Orphan = defineComponent(() => {
      try {
        useStreamContext();
      } catch (error) {
        thrown = error;
      }
      return () => h("div");
    });
    mount(Orphan);
    expect(String(thrown)).toContain("provideStream");
  });
});

describe("AgentStreamPlugin", () => {
  it("supplies apiUrl to streams that name none", async () => {
    const root = mount(PluginDefaults, {}, { apiUrl: agentServerUrl() });
    byTestId(root, "send").click();
    await vi.waitFor(() => expect(byTestId(root, "last").textContent).toContain('You said "from plugin"'));
  });
});
