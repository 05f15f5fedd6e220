/**
 * Conversation and state of any namespace: `messagesProjection` and `valuesProjection`.
 */
import type { BaseMessage } from "@langchain/core/messages";
import { isRecord } from "../assembly/json";
import { RootMessageProjection } from "../controller/root-message-projection";
import {
  type RootProjectionSpec,
  messagesProjection as rootMessagesProjection,
  valuesProjection as rootValuesProjection,
} from "../controller/root-projections";
import type { RootEventBus } from "../controller/root-event-bus";
import { DEFAULT_MESSAGES_KEY } from "../controller/types";
import type { Namespace } from "../protocol/types";
import type { ProjectionRuntime } from "../store/projection";
import { seedFromHistory } from "./history-seed";
import { isConversationNamespace, isSameScope } from "./namespace";
import { namespaceKey } from "../protocol/filter";
import { withRootMirror } from "./root-delegation";
import { BatchedFlush, openScopedSubscription } from "./runtime";
import type { HistoryReader, ScopedContext, ScopedProjectionSpec } from "./types";

/** Options of {@link messagesProjection} and {@link valuesProjection}. */
export interface ConversationProjectionOptions {
  /** State key holding the conversation (default `"messages"`). */
  messagesKey?: string;
  /**
   * Shows the namespace's stored state at once (one `getHistory` read), for threads that are not
   * streaming: live events replace it as they arrive.
   */
  history?: HistoryReader;
}

const EMPTY_MESSAGES: readonly BaseMessage[] = Object.freeze([]);

/** `*` in a key: the option is inherited from the registry's controller (see `ScopeDefaults`). */
export function conversationKey(kind: string, namespace: Namespace, options: ConversationProjectionOptions): string {
  const messagesKey = options.messagesKey ?? "*";
  return `${kind}|${messagesKey}|${options.history === undefined ? "*" : "history"}|${namespaceKey(namespace)}`;
}

/**
 * The options in effect: what the caller gave, else the controller's defaults. Inherited history is
 * read only for a thread at rest; a streaming thread's replay and live events fill the view anyway.
 */
export function resolveScopeOptions<T>(
  context: ScopedContext<T>,
  options: ConversationProjectionOptions,
): { messagesKey: string; history: HistoryReader | undefined } {
  const defaults = context.shared?.scopeDefaults;
  const atRest = context.shared?.root.getSnapshot().isLoading === false;
  return {
    messagesKey: options.messagesKey ?? defaults?.messagesKey ?? DEFAULT_MESSAGES_KEY,
    history: options.history ?? (atRest ? defaults?.history : undefined),
  };
}

/** Streams the conversation of `namespace` into `publish`, values of exactly that namespace included. */
function openConversation<T>(
  context: ScopedContext<T>,
  namespace: Namespace,
  options: ConversationProjectionOptions & { withMessages: boolean },
  publish: (conversation: RootMessageProjection) => void,
): ProjectionRuntime {
  let sawValues = false;
  const { messagesKey, history } = resolveScopeOptions(context, options);
  const flush = new BatchedFlush(() => publish(conversation), context.scheduler);
  const conversation = new RootMessageProjection(messagesKey, {}, () => flush.request());
  const stop = openScopedSubscription(
    context,
    {
      channels: options.withMessages ? ["messages", "values"] : ["values"],
      namespaces: [namespace],
      depth: options.withMessages ? 1 : 0,
    },
    {
      onEvent(event) {
        const eventNamespace = event.params.namespace;
        if (event.method === "messages") {
          if (isConversationNamespace(namespace, eventNamespace)) conversation.handleMessageEvent(event);
          return;
        }
        // Only this namespace's own state: a nested child's values never replace the parent's view.
        if (event.method !== "values" || !isSameScope(namespace, eventNamespace)) return;
        if (!isRecord(event.params.data)) return;
        sawValues = true;
        conversation.applyValues(event.params.data);
      },
      onEnd: () => flush.runNow(),
    },
  );
  if (history !== undefined) {
    seedFromHistory(context, history, namespace, () => sawValues, (values) => conversation.seed(values));
  }
  return {
    dispose() {
      stop();
      flush.cancel();
    },
  };
}

/**
 * The conversation of a namespace as `BaseMessage` instances: messages streamed by the namespace's
 * own nodes (one level down, tool executions and subagents excluded), merged with the namespace's
 * own `values` snapshots. Per token the work is O(1); the array is copied once per flush.
 *
 * At the root namespace `[]` on a controller's registry it mirrors `rootStore.messages`.
 *
 * @example
 * const { store, release } = controller.registry.acquire(messagesProjection(subagent.namespace));
 * store.subscribe(() => render(store.getSnapshot()));
 */
export function messagesProjection(
  namespace: Namespace = [],
  options: ConversationProjectionOptions = {},
): ScopedProjectionSpec<readonly BaseMessage[]> {
  const initial = (): readonly BaseMessage[] => EMPTY_MESSAGES;
  const openOwn = (context: ScopedContext<readonly BaseMessage[]>) =>
    openConversation(context, namespace, { ...options, withMessages: true }, (conversation) =>
      context.store.setValue(conversation.flush().messages),
    );
  const key = conversationKey("messages", namespace, options);
  if (namespace.length > 0) return { key, initial, open: openOwn, needsConnection: true };
  return withRootMirror(key, initial, () => rootMessagesProjection([]), openOwn);
}

/**
 * The latest state of exactly `namespace` (a nested child's state never replaces it), its
 * `messagesKey` list converted to `BaseMessage` instances that keep their identity while unchanged.
 * `undefined` until the first snapshot.
 *
 * At the root namespace `[]` on a controller's registry it mirrors `rootStore.values`.
 *
 * @example
 * const { store } = controller.registry.acquire(valuesProjection<ResearchState>(subgraph.namespace));
 */
export function valuesProjection<TState = Record<string, unknown>>(
  namespace: Namespace = [],
  messagesKey?: string,
  options: Omit<ConversationProjectionOptions, "messagesKey"> = {},
): ScopedProjectionSpec<TState | undefined> {
  const initial = (): TState | undefined => undefined;
  const conversationOptions = { ...options, messagesKey };
  const openOwn = (context: ScopedContext<TState | undefined>) =>
    openConversation(context, namespace, { ...conversationOptions, withMessages: false }, (conversation) =>
      context.store.setValue(conversation.flush().values as TState),
    );
  const key = conversationKey("values", namespace, conversationOptions);
  if (namespace.length > 0) return { key, initial, open: openOwn, needsConnection: true };
  // ThreadStream<TState> is invariant in TState; the mirror only reads the shared root snapshot.
  const rootSpec = (shared: RootEventBus<unknown>) =>
    rootValuesProjection<TState>([], messagesKey ?? shared.scopeDefaults?.messagesKey ?? DEFAULT_MESSAGES_KEY) as unknown as RootProjectionSpec<
      TState | undefined,
      unknown
    >;
  return withRootMirror(key, initial, rootSpec, openOwn);
}
