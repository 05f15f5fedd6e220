/** Values the test-kit global setup provides to every test through `inject()`. */
declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the agent server started by `global-setup.ts`, e.g. `http://127.0.0.1:54321`. */
    agentServerUrl: string;
  }
}

export {};
