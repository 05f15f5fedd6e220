/**
 * Helpers shared by the Angular binding's browser tests.
 */
import {
  createEnvironmentInjector,
  provideZonelessChangeDetection,
  runInInjectionContext,
  type ApplicationRef,
  type EnvironmentInjector,
  type EnvironmentProviders,
  type Provider,
} from "@angular/core";
import { createApplication } from "@angular/platform-browser";
import { afterEach, vi } from "vitest";

export { pause, seedThread } from "@agent-stream/test-kit/scenarios";

/** `config` that paces the scripted model at `tokenDelayMs` per token. */
export const paced = (tokenDelayMs: number) => ({ config: { configurable: { token_delay_ms: tokenDelayMs } } });

const apps: ApplicationRef[] = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.destroy();
});

/** A zoneless application destroyed after the test. */
export async function testApplication(providers: (Provider | EnvironmentProviders)[] = []): Promise<ApplicationRef> {
  const app = await createApplication({ providers: [provideZonelessChangeDetection(), ...providers] });
  apps.push(app);
  return app;
}

/** An injection scope of its own (a child environment injector): destroy it to end what runs in it. */
export interface TestScope {
  readonly app: ApplicationRef;
  readonly injector: EnvironmentInjector;
  run<T>(setup: () => T): T;
  /** Runs pending effects and change detection, as the next frame would. */
  flush(): void;
}

/** Opens a scope in a new test application. */
export async function openScope(providers: (Provider | EnvironmentProviders)[] = []): Promise<TestScope> {
  const app = await testApplication(providers);
  const injector = createEnvironmentInjector([], app.injector);
  return { app, injector, run: (setup) => runInInjectionContext(injector, setup), flush: () => app.tick() };
}

/** `vi.waitFor` with room for a loaded 2-core machine. */
export const until = <T>(assertion: () => T, timeout = 5_000) => vi.waitFor(assertion, { timeout, interval: 20 });
