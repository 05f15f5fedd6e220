/**
 * `StreamService`: a shared, injectable stream whose effects live and die with the service.
 */
import type {
  Interrupt,
  StreamController,
  StreamRespondAllOptions,
  StreamRespondOptions,
  StreamStopOptions,
  StreamSubmitOptions,
  SubagentMap,
  SubgraphByNodeMap,
  SubgraphMap,
  ThreadStream,
  ToolCallSnapshot,
} from "@agent-stream/core";
import type { Signal } from "@angular/core";
import type { BaseMessage } from "@langchain/core/messages";
import { injectStream, type InjectStreamOptions } from "./inject-stream";
import type { StreamHandle, StreamSubmitInput } from "./stream-handle";

/**
 * Extend it to share one stream through dependency injection. The stream is built in the
 * service's own injection context, so its connection and every effect end when the injector that
 * created the service is destroyed (the application for `providedIn: "root"`, the component for
 * a component's `providers`). Selector functions accept the service as their stream.
 *
 * @example
 * \@Injectable({ providedIn: "root" })
 * export class ChatStream extends StreamService<ChatState> {
 *   constructor() {
 *     super({ assistantId: "agent", apiUrl: "http://localhost:2024" });
 *   }
 * }
 * // in a component: readonly chat = inject(ChatStream); readonly messages = injectMessages(this.chat);
 */
export abstract class StreamService<TState extends Record<string, unknown> = Record<string, unknown>, TInterrupt = unknown>
  implements StreamHandle<TState, TInterrupt>
{
  /** The handle this service forwards to. */
  readonly stream: StreamHandle<TState, TInterrupt>;

  /** Call it from the subclass constructor (an injection context), or pass `{ injector }`. */
  constructor(options: InjectStreamOptions<TState>) {
    this.stream = injectStream<TState, TInterrupt>(options);
  }

  get values(): Signal<TState> {
    return this.stream.values;
  }
  get messages(): Signal<readonly BaseMessage[]> {
    return this.stream.messages;
  }
  get toolCalls(): Signal<readonly ToolCallSnapshot[]> {
    return this.stream.toolCalls;
  }
  get interrupts(): Signal<readonly Interrupt<TInterrupt>[]> {
    return this.stream.interrupts;
  }
  get interrupt(): Signal<Interrupt<TInterrupt> | undefined> {
    return this.stream.interrupt;
  }
  get isLoading(): Signal<boolean> {
    return this.stream.isLoading;
  }
  get isThreadLoading(): Signal<boolean> {
    return this.stream.isThreadLoading;
  }
  get hydrationPromise(): Signal<Promise<void>> {
    return this.stream.hydrationPromise;
  }
  get error(): Signal<unknown> {
    return this.stream.error;
  }
  get threadId(): Signal<string | null> {
    return this.stream.threadId;
  }
  get subagents(): Signal<SubagentMap> {
    return this.stream.subagents;
  }
  get subgraphs(): Signal<SubgraphMap> {
    return this.stream.subgraphs;
  }
  get subgraphsByNode(): Signal<SubgraphByNodeMap> {
    return this.stream.subgraphsByNode;
  }
  get controller(): Signal<StreamController<TState, TInterrupt>> {
    return this.stream.controller;
  }

  submit(input: StreamSubmitInput<TState>, options?: StreamSubmitOptions): Promise<void> {
    return this.stream.submit(input, options);
  }
  stop(options?: StreamStopOptions): Promise<void> {
    return this.stream.stop(options);
  }
  disconnect(): Promise<void> {
    return this.stream.disconnect();
  }
  respond(response: unknown, options?: StreamRespondOptions): Promise<void> {
    return this.stream.respond(response, options);
  }
  respondAll(responses: Record<string, unknown>, options?: StreamRespondAllOptions): Promise<void> {
    return this.stream.respondAll(responses, options);
  }
  getThread(): ThreadStream<TState> | undefined {
    return this.stream.getThread();
  }
}
