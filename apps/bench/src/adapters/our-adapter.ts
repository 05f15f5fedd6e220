/**
 * `@agent-stream/core`'s custom transport over the scripted server: frames arrive as JSON strings
 * and are parsed on delivery, as a socket or SSE adapter would.
 */
import type {
  AgentServerAdapter,
  CommandResponse,
  EventConnection,
  EventConnectionHandlers,
  ProtocolCommand,
  ProtocolEvent,
  SubscriptionFilter,
} from "@agent-stream/core";
import type { ScriptedServer } from "../server/scripted-server";

/**
 * An {@link AgentServerAdapter} backed by a {@link ScriptedServer}.
 *
 * @example
 * const controller = createStreamController({ assistantId: "agent", transport: new OurBenchAdapter(server) });
 */
export class OurBenchAdapter implements AgentServerAdapter {
  readonly kind = "bench";
  readonly replaysOnOpen = true;

  constructor(private readonly server: ScriptedServer) {}

  bind(_threadId: string): void {
    // One scripted server serves one thread.
  }

  async send(command: ProtocolCommand): Promise<CommandResponse> {
    return (await this.server.handleCommand(command)) as unknown as CommandResponse;
  }

  openEvents(filter: SubscriptionFilter, handlers: EventConnectionHandlers): EventConnection {
    let markClosed!: () => void;
    const closed = new Promise<void>((resolve) => (markClosed = resolve));
    const connection = this.server.openStream(filter, (raw) => {
      let frame: unknown;
      try {
        frame = JSON.parse(raw);
      } catch (cause) {
        handlers.onMalformedFrame(raw, cause);
        return;
      }
      if ((frame as { type?: unknown }).type === "event") handlers.onEvent(frame as ProtocolEvent);
    });
    return {
      ready: Promise.resolve(),
      closed,
      close: () => {
        connection.close();
        markClosed();
      },
    };
  }

  async close(): Promise<void> {
    // Connections are closed one by one by the thread stream.
  }
}
