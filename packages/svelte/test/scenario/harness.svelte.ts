/**
 * The Svelte implementation of the scenario suite's harness: mounts `scenario-app.svelte`.
 */
import type { BindingHarness, ScenarioActions } from "@agent-stream/test-kit/scenarios";
import { flushSync, mount, unmount } from "svelte";
import type { StreamHandle } from "../../src/index";
import ScenarioApp from "./scenario-app.svelte";
import { ThreadControl } from "./thread-control.svelte";

function actionsOf(stream: () => StreamHandle): ScenarioActions {
  return {
    submit: (input, submitOptions) => stream().submit(input, submitOptions),
    respond: (response, respondOptions) => stream().respond(response, respondOptions),
    respondAll: (responses) => stream().respondAll(responses),
    stop: () => stream().stop(),
    disconnect: () => stream().disconnect(),
    cancelQueued: (id) => stream().controller.cancelQueued(id),
  };
}

/**
 * Mounts the Svelte scenario app. Svelte has no strict double-mount mode, so `strictMode` is a
 * plain mount.
 *
 * @example
 * runScenarioSuite(svelteHarness);
 */
export const svelteHarness: BindingHarness = {
  binding: "svelte",
  async mount(options) {
    const container = document.createElement("div");
    document.body.append(container);
    const control = new ThreadControl(options.threadId);
    let stream: StreamHandle | undefined;
    const app = mount(ScenarioApp, { target: container, props: { options, control, onStream: (value) => (stream = value) } });
    flushSync();
    const current = (): StreamHandle => {
      if (stream === undefined) throw new Error("The scenario app has not mounted yet.");
      return stream;
    };
    return {
      container,
      actions: actionsOf(current),
      async setThreadId(threadId) {
        control.threadId = threadId;
        flushSync();
      },
      async unmount() {
        await unmount(app);
        container.remove();
      },
    };
  },
};
