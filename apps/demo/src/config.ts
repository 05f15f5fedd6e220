/**
 * Where the demo's agent lives. `pnpm demo` injects the URL of the agent server it started;
 * `?api=<url>` overrides it (for example to point the page at `pnpm agent-server`).
 */
import type { ApprovalDecision, ApprovalRequest } from "@agent-stream/agent-server";
import type { BaseMessage } from "@langchain/core/messages";

export const AGENT_SERVER_URL: string =
  new URLSearchParams(window.location.search).get("api") ??
  (import.meta.env.VITE_AGENT_SERVER_URL as string | undefined) ??
  "http://127.0.0.1:2024";

/** The graph the demo talks to (apps/agent-server/src/graphs/demo.ts). */
export const ASSISTANT_ID = "demo";

/** State of the `demo` graph, as far as the page reads it. */
export interface DemoState extends Record<string, unknown> {
  messages: BaseMessage[];
}

/** What the demo's interrupts carry, and how they are answered. */
export type { ApprovalDecision, ApprovalRequest };

/** Whether an interrupt payload is the demo's approval request. */
export function isApprovalRequest(value: unknown): value is ApprovalRequest {
  const candidate = value as Partial<ApprovalRequest> | null;
  return typeof candidate === "object" && candidate !== null && candidate.type === "approval" && typeof candidate.action?.name === "string";
}
