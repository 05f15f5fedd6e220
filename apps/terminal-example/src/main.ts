/**
 * Streams one run of the `demo` assistant to the terminal with `ThreadStream`: tokens as they
 * arrive, tool calls with their results, the approval interrupt (approved automatically), the
 * subagents, and the final answer.
 *
 * Uses the server at AGENT_SERVER_URL when set; otherwise starts an embedded agent server.
 */
import { startAgentServer } from "@agent-stream/agent-server";
import { Client, type StreamingMessage, type ThreadStream, type ToolCallHandle } from "@agent-stream/core";
import WebSocket from "ws";

const write = (text: string): void => void process.stdout.write(text);
const transport = process.argv.includes("--websocket") ? "websocket" : "sse";
const question = process.argv.slice(2).filter((arg) => !arg.startsWith("--")).join(" ") || "What is the weather in Lisbon?";

async function printMessages(messages: AsyncIterable<StreamingMessage>): Promise<void> {
  for await (const message of messages) {
    if (message.role === "tool") continue; // tool results are printed with their call
    let printed = false;
    for await (const token of message.text) {
      if (!printed) write(`\n\x1b[36massistant\x1b[0m `);
      printed = true;
      write(token);
    }
    if (printed) write("\n");
  }
}

async function printToolCalls(toolCalls: AsyncIterable<ToolCallHandle>): Promise<void> {
  const printed: Promise<void>[] = [];
  for await (const call of toolCalls) {
    // One line per call once it settles, so concurrent token output does not split it.
    printed.push(
      call.output.then(
        (value) => write(`\n\x1b[33mtool\x1b[0m ${call.name}(${JSON.stringify(call.input)}) -> ${JSON.stringify(value)}\n`),
        (error: Error) =>
          write(`\n\x1b[33mtool\x1b[0m ${call.name}(${JSON.stringify(call.input)}) did not finish: ${error.message}\n`),
      ),
    );
  }
  await Promise.all(printed);
}

async function printSubagents(thread: ThreadStream): Promise<void> {
  for await (const subagent of thread.subagents) {
    write(`\n\x1b[35msubagent\x1b[0m ${subagent.name}: ${subagent.taskInput}\n`);
    void subagent.output.then((output) => write(`\x1b[35msubagent ${subagent.name} finished\x1b[0m ${JSON.stringify(output).slice(0, 120)}\n`));
  }
}

/** Streams one run (the first, or a resume) until it ends. */
async function streamRun(thread: ThreadStream, start: () => Promise<unknown>): Promise<void> {
  const readers = [printMessages(thread.messages), printToolCalls(thread.toolCalls), printSubagents(thread)];
  await start();
  await Promise.all(readers);
}

async function main(): Promise<void> {
  const embedded = process.env.AGENT_SERVER_URL ? undefined : await startAgentServer({ port: 0 });
  const apiUrl = process.env.AGENT_SERVER_URL ?? embedded!.url;
  write(`agent server: ${apiUrl} (${embedded ? "embedded" : "external"}), transport: ${transport}\n`);
  write(`\x1b[32muser\x1b[0m ${question}\n`);
  const client = new Client({ apiUrl, apiKey: process.env.AGENT_SERVER_API_KEY });
  const thread = client.threads.stream(undefined, {
    assistantId: "demo",
    transport,
    // `ws` can send the client's API key with the upgrade (a browser WebSocket cannot).
    webSocketFactory: (url, init) => new WebSocket(url, { headers: { ...init.headers } }),
  });
  thread.onError((error) => write(`\n\x1b[31merror\x1b[0m ${String(error)}\n`));
  try {
    await streamRun(thread, () => thread.run.start({ input: { messages: [{ type: "human", content: question }] } }));
    while (thread.interrupts.length > 0) {
      const [pending] = thread.interrupts;
      write(`\n\x1b[31minterrupt\x1b[0m ${JSON.stringify(pending!.payload)}\n  -> approving automatically\n`);
      await streamRun(thread, () =>
        thread.input.respond({ interruptId: pending!.interruptId, response: { decision: "approve" } }),
      );
    }
    const output = (await thread.output) as { messages?: unknown[] };
    write(`\n\x1b[32mdone\x1b[0m thread ${thread.threadId}, ${output.messages?.length ?? 0} messages in state\n`);
  } finally {
    await thread.close();
    await embedded?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
