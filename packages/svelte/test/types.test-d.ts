/**
 * Type tests (checked by `svelte-check`, never run): what the selectors infer.
 */
import type { BaseMessage } from "@langchain/core/messages";
import { expectTypeOf } from "vitest";
import {
  useExtension,
  useMessages,
  useStream,
  useValues,
  type ReactiveValue,
  type StreamHandle,
  type StreamSnapshot,
  type SubagentSnapshot,
} from "../src/index";

interface ChatState extends Record<string, unknown> {
  messages: BaseMessage[];
  topic: string;
}

declare const stream: StreamHandle<ChatState>;
declare const subagent: SubagentSnapshot;

export function typeChecks(): void {
  expectTypeOf(useStream<ChatState>({ assistantId: "agent", apiUrl: "http://localhost" }).values.topic).toEqualTypeOf<string>();
  expectTypeOf(useValues(stream)).toEqualTypeOf<ReactiveValue<ChatState>>();
  expectTypeOf(useValues<{ notes: string[] }>(stream, () => subagent).current).toEqualTypeOf<{ notes: string[] } | undefined>();
  expectTypeOf(useMessages(() => stream, subagent).current).toEqualTypeOf<readonly BaseMessage[]>();
  expectTypeOf(useExtension<{ percent: number }>(stream, "progress").current).toEqualTypeOf<{ percent: number } | undefined>();
  // The store contract: `$stream` is a snapshot of the same fields.
  expectTypeOf<Parameters<Parameters<StreamHandle<ChatState>["subscribe"]>[0]>[0]>().toEqualTypeOf<StreamSnapshot<ChatState>>();
  // @ts-expect-error threadId must be a string, null, undefined or a getter of one.
  useStream({ assistantId: "agent", apiUrl: "http://localhost", threadId: 42 });
}
