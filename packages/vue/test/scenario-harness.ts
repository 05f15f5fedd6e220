/**
 * The Vue implementation of the scenario suite's harness: mounts `scenario-app.vue` in a host
 * whose `threadId` prop the suite changes (a prop change, not a remount).
 */
import type { BindingHarness, ScenarioActions } from "@agent-stream/test-kit/scenarios";
import { createApp, defineComponent, h, nextTick, shallowRef } from "vue";
import type { StreamHandle } from "../src/index";
import ScenarioApp from "./scenario-app/scenario-app.vue";

function actionsOf(current: () => StreamHandle | undefined): ScenarioActions {
  const stream = (): StreamHandle => {
    const handle = current();
    if (handle === undefined) throw new Error("The scenario app has not been set up yet.");
    return handle;
  };
  return {
    submit: (input, submitOptions) => stream().submit(input, submitOptions),
    respond: (response, respondOptions) => stream().respond(response, respondOptions),
    respondAll: (responses) => stream().respondAll(responses),
    stop: () => stream().stop(),
    disconnect: () => stream().disconnect(),
    cancelQueued: (id) => stream().controller.value.cancelQueued(id),
  };
}

/**
 * Mounts the Vue scenario app. Vue has no strict double-mount mode, so `strictMode` changes nothing.
 *
 * @example
 * runScenarioSuite(vueHarness);
 */
export const vueHarness: BindingHarness = {
  binding: "vue",
  async mount(options) {
    const container = document.createElement("div");
    document.body.append(container);
    const threadId = shallowRef(options.threadId);
    let stream: StreamHandle | undefined;
    const Host = defineComponent(() => () =>
      h(ScenarioApp, {
        options,
        threadId: threadId.value,
        onThreadId: (id: string) => (threadId.value = id),
        onReady: (handle: StreamHandle) => (stream = handle),
      }),
    );
    const app = createApp(Host);
    app.mount(container);
    return {
      container,
      actions: actionsOf(() => stream),
      async setThreadId(next) {
        threadId.value = next;
        await nextTick();
      },
      async unmount() {
        app.unmount();
        container.remove();
      },
    };
  },
};
