"use client";
/**
 * `useMessages`: the messages of the root or of one namespace.
 */
import { messagesProjection } from "@agent-stream/core";
import type { BaseMessage } from "@langchain/core/messages";
import { useRootField } from "./internal/use-root-field";
import { scopedSpec, type SelectorTarget } from "./selector-target";
import { controllerOf, type StreamSource } from "./stream-handle";
import { useRegistryProjection, type StreamRegistry } from "./use-projection";

const NO_MESSAGES: readonly BaseMessage[] = Object.freeze([]);

/**
 * The conversation at `target` (default: the root), streamed token by token. At the root it reads
 * the root snapshot and opens nothing; elsewhere it holds a ref-counted scoped projection.
 *
 * @example
 * const messages = useMessages(stream);
 * const researcherMessages = useMessages(stream, subagent);
 */
export function useMessages(stream: StreamSource<any>, target?: SelectorTarget): readonly BaseMessage[] {
  const root = useRootField(stream, "messages");
  const spec = scopedSpec(target, (namespace) => messagesProjection([...namespace]));
  const registry = spec === null ? null : (controllerOf(stream).registry as StreamRegistry);
  const scoped = useRegistryProjection(registry, spec);
  return spec === null ? root : (scoped ?? NO_MESSAGES);
}
