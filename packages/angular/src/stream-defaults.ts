/**
 * `provideStreamDefaults`: app-wide defaults for every `injectStream`.
 */
import type { Client } from "@agent-stream/core";
import { InjectionToken, makeEnvironmentProviders, type EnvironmentProviders } from "@angular/core";
import type { MaybeSignal } from "./selector-target";

/** Defaults `injectStream` falls back to when its own options leave them out. */
export interface StreamDefaults {
  /** Server of every stream that names neither `apiUrl` nor `client` (a `Signal` is followed). */
  apiUrl?: MaybeSignal<string | undefined>;
  /** API key of every stream that names none (a `Signal` is followed: rotate it app-wide). */
  apiKey?: MaybeSignal<string | undefined>;
  /** Client of every stream that names neither `apiUrl` nor `client`. */
  client?: Client;
}

/**
 * Where `provideStreamDefaults` puts its defaults (provide your own in a subtree).
 *
 * @example
 * providers: [{ provide: STREAM_DEFAULTS, useValue: { apiUrl: "http://localhost:2024" } }]
 */
export const STREAM_DEFAULTS = new InjectionToken<StreamDefaults>("@agent-stream/angular/defaults");

/**
 * Installs app-wide defaults (`apiUrl`, `apiKey`, `client`) for `injectStream`, `provideStream`
 * and `StreamService`.
 *
 * @example
 * bootstrapApplication(App, { providers: [provideStreamDefaults({ apiUrl: "http://localhost:2024" })] });
 */
export function provideStreamDefaults(defaults: StreamDefaults): EnvironmentProviders {
  return makeEnvironmentProviders([{ provide: STREAM_DEFAULTS, useValue: defaults }]);
}
