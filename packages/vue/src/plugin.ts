/**
 * `AgentStreamPlugin`: app-wide defaults for every `useStream`.
 */
import type { Client } from "@agent-stream/core";
import { hasInjectionContext, inject, type InjectionKey, type MaybeRefOrGetter, type Plugin } from "vue";

/** Defaults `useStream` falls back to when its own options leave them out. */
export interface StreamDefaults {
  /** Server of every stream that names neither `apiUrl` nor `client`. A ref or getter is followed. */
  apiUrl?: MaybeRefOrGetter<string | undefined>;
  /** API key of every stream that names none (a ref or getter: rotate it app-wide). */
  apiKey?: MaybeRefOrGetter<string | undefined>;
  /** Client of every stream that names neither `apiUrl` nor `client`. */
  client?: Client;
}

/**
 * Where `AgentStreamPlugin` provides its defaults (provide your own under it in a subtree).
 *
 * @example
 * provide(STREAM_DEFAULTS_KEY, { apiUrl: "http://localhost:2024" });
 */
export const STREAM_DEFAULTS_KEY: InjectionKey<StreamDefaults> = Symbol("@agent-stream/vue/defaults");

/**
 * Installs app-wide defaults (`apiUrl`, `apiKey`, `client`) for `useStream`.
 *
 * @example
 * createApp(App).use(AgentStreamPlugin, { apiUrl: "http://localhost:2024", apiKey: token }).mount("#app");
 */
export const AgentStreamPlugin: Plugin<[StreamDefaults?]> = {
  install(app, defaults: StreamDefaults = {}) {
    app.provide(STREAM_DEFAULTS_KEY, defaults);
  },
};

const NO_DEFAULTS: StreamDefaults = Object.freeze({});

/** The defaults in reach: inside a component, a Pinia setup store or `app.runWithContext`. */
export function injectStreamDefaults(): StreamDefaults {
  return hasInjectionContext() ? inject(STREAM_DEFAULTS_KEY, NO_DEFAULTS) : NO_DEFAULTS;
}
