// Fault-injecting proxy in front of the agent server
export { startFaultProxy } from "./fault-proxy.js";
export type { FaultPlan, FaultProxy, FaultProxyOptions, FaultProxyStats } from "./fault-proxy.js";

// Agent server started by global-setup.ts
export { agentServerUrl } from "./agent-server-url.js";

// WebSocket for Node tests
export { nodeWebSocketFactory } from "./node-websocket.js";
export type { NodeWebSocketFactory } from "./node-websocket.js";

// Browser-mode scenario suite: the Node-side commands a browser project lists in
// `browser.commands` (the suite itself is the browser-safe entry "@agent-stream/test-kit/scenarios").
export { scenarioCommands } from "./scenarios/browser-commands.js";
export type { ConnectionCounterInfo } from "./scenarios/browser-commands.js";
