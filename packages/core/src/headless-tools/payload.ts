/**
 * Recognising interrupts that ask the client to run a tool.
 */
import { isRecord } from "../assembly/json";
import type { ToolRequest } from "./types";

/**
 * The tool request an interrupt payload carries (`{type: "tool", toolCall | tool_call: {id, name,
 * args}}`), or `undefined` for any other interrupt.
 *
 * @example
 * readToolRequest({ type: "tool", toolCall: { id: "c1", name: "get_location", args: {} } })?.name; // "get_location"
 */
export function readToolRequest(payload: unknown): ToolRequest | undefined {
  if (!isRecord(payload) || payload.type !== "tool") return undefined;
  const call = payload.toolCall ?? payload.tool_call;
  if (!isRecord(call) || typeof call.name !== "string" || typeof call.id !== "string") return undefined;
  return { id: call.id, name: call.name, args: isRecord(call.args) ? call.args : {} };
}

/** An interrupt as a `ThreadStream` (`payload`) or a controller (`value`) lists it. */
export type InterruptLike = { readonly payload: unknown } | { readonly value: unknown };

function payloadOf(interrupt: InterruptLike): unknown {
  return "payload" in interrupt ? interrupt.payload : interrupt.value;
}

/**
 * Whether an interrupt asks the client to run a tool.
 *
 * @example
 * thread.interrupts.filter(isHeadlessToolInterrupt);
 */
export function isHeadlessToolInterrupt(interrupt: InterruptLike): boolean {
  return readToolRequest(payloadOf(interrupt)) !== undefined;
}

/**
 * The interrupts a user must answer: tool requests (answered automatically by the headless tool
 * runner) are left out. Returns `interrupts` itself when there is none to leave out, so a store
 * keeps its snapshot.
 *
 * @example
 * const visible = filterHeadlessToolInterrupts(snapshot.interrupts);
 */
export function filterHeadlessToolInterrupts<T extends InterruptLike>(interrupts: readonly T[]): readonly T[] {
  if (!interrupts.some(isHeadlessToolInterrupt)) return interrupts;
  return interrupts.filter((interrupt) => !isHeadlessToolInterrupt(interrupt));
}
