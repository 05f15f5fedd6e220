/**
 * The Angular implementation of the scenario suite's harness: bootstraps a zoneless application
 * per mount whose root component provides the stream (`provideStream`) with a `threadId` signal
 * the suite changes (a signal change, not a remount).
 */
import type { BindingHarness, ScenarioActions, ScenarioMountOptions } from "@agent-stream/test-kit/scenarios";
import { Component, createComponent, provideZonelessChangeDetection, signal, type ApplicationRef, type WritableSignal } from "@angular/core";
import { createApplication } from "@angular/platform-browser";
import { injectStreamContext, provideStream, type StreamHandle } from "../src/index";
import { ExtensionView, ImagesView, MessageRow, QueueView, SubagentsView } from "./scenario-app/views";

function errorText(value: unknown): string {
  if (value === undefined || value === null) return "";
  return value instanceof Error ? value.message : String(value);
}

let mounts = 0;

/** The scenario app's root component for one mount. */
function scenarioRoot(options: ScenarioMountOptions, threadId: WritableSignal<string | null | undefined>, onReady: (stream: StreamHandle) => void) {
  mounts += 1;
  return Component({
    // One class per mount: a selector of its own keeps Angular's component ids apart.
    selector: `scenario-app-${mounts}`,
    imports: [MessageRow, QueueView, ExtensionView, ImagesView, SubagentsView],
    providers: [
      provideStream({
        assistantId: options.assistantId,
        apiUrl: options.apiUrl,
        transport: options.transport,
        threadId,
        onThreadId: (id) => threadId.set(id),
      }),
    ],
    template: `<div>
      <span data-testid="thread-id">{{ stream.threadId() ?? "" }}</span>
      <span data-testid="loading">{{ stream.isLoading() }}</span>
      <span data-testid="thread-loading">{{ stream.isThreadLoading() }}</span>
      <span data-testid="error">{{ errorText(stream.error()) }}</span>
      <ul>@for (message of stream.messages(); track message.id ?? $index) {<li scenario-message-row [message]="message"></li>}</ul>
      <ul>@for (call of stream.toolCalls(); track call.id) {<li data-testid="tool-call" [attr.data-id]="call.id"
        [attr.data-name]="call.name" [attr.data-status]="call.status">{{ call.output !== undefined ? json(call.output) : "" }}</li>}</ul>
      <ul>@for (interrupt of stream.interrupts(); track interrupt.id) {<li data-testid="interrupt"
        [attr.data-id]="interrupt.id">{{ json(interrupt.value) }}</li>}</ul>
      @if (views.queue) {<scenario-queue-view />}
      @if (views.extension) {<scenario-extension-view [name]="views.extension" />}
      @if (views.images) {<scenario-images-view />}
      @if (views.subagents) {<scenario-subagents-view />}
    </div>`,
  })(
    class {
      readonly stream = injectStreamContext();
      readonly views = options.views ?? {};
      readonly errorText = errorText;
      readonly json = (value: unknown): string => JSON.stringify(value);
      constructor() {
        onReady(this.stream);
      }
    },
  );
}

function actionsOf(current: () => StreamHandle | undefined): ScenarioActions {
  const stream = (): StreamHandle => {
    const handle = current();
    if (handle === undefined) throw new Error("The scenario app has not been created yet.");
    return handle;
  };
  return {
    submit: (input, submitOptions) => stream().submit(input, submitOptions),
    respond: (response, respondOptions) => stream().respond(response, respondOptions),
    respondAll: (responses) => stream().respondAll(responses),
    stop: () => stream().stop(),
    disconnect: () => stream().disconnect(),
    cancelQueued: (id) => stream().controller().cancelQueued(id),
  };
}

/** Bootstraps a zoneless application and renders `component` into a new host element. */
export async function mountAngular(component: Parameters<typeof createComponent>[0]): Promise<{ app: ApplicationRef; host: HTMLElement }> {
  const app = await createApplication({ providers: [provideZonelessChangeDetection()] });
  const host = document.createElement("div");
  document.body.append(host);
  const ref = createComponent(component, { environmentInjector: app.injector, hostElement: host });
  app.attachView(ref.hostView);
  app.tick();
  return { app, host };
}

/**
 * Mounts the Angular scenario app. Angular has no strict double-mount mode, so `strictMode`
 * changes nothing.
 *
 * @example
 * runScenarioSuite(angularHarness);
 */
export const angularHarness: BindingHarness = {
  binding: "angular",
  async mount(options) {
    const threadId = signal(options.threadId);
    let stream: StreamHandle | undefined;
    const { app, host } = await mountAngular(scenarioRoot(options, threadId, (handle) => (stream = handle)));
    return {
      container: host,
      actions: actionsOf(() => stream),
      async setThreadId(next) {
        threadId.set(next);
        app.tick();
      },
      async unmount() {
        app.destroy();
        host.remove();
      },
    };
  },
};
