// Fault-injecting proxy in front of the agent server
export { startFaultProxy } from "./fault-proxy.js";
export type { FaultPlan, FaultProxy, FaultProxyOptions, FaultProxyStats } from "./fault-proxy.js";

// Agent server started by global-setup.ts
export { agentServerUrl } from "./agent-server-url.js";

// WebSocket for Node tests
export { nodeWebSocketFactory } from "./node-websocket.js";
export type { NodeWebSocketFactory } from "./node-websocket.js";
