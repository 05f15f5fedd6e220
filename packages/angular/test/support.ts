/**
 * Helpers shared by the Angular binding's browser tests.
 */
import { createStreamController, type StreamController } from "@agent-stream/core";
import { agentServerUrl } from "@agent-stream/test-kit/scenarios";
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

/** `config` that paces the scripted model at `tokenDelayMs` per token. */
export const paced = (tokenDelayMs: number) => ({ config: { configurable: { token_delay_ms: tokenDelayMs } } });

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

/** Resolves after `ms` milliseconds. */
export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `vi.waitFor` with room for a loaded 2-core machine. */
export const until = <T>(assertion: () => T, timeout = 5_000) => vi.waitFor(assertion, { timeout, interval: 20 });
