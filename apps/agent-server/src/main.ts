import { graphRegistry } from "./graphs/registry.js";
import { startAgentServer } from "./server.js";

const DEFAULT_PORT = 2024;

const parsePort = (value: string | undefined): number => {
  if (value === undefined || value.trim() === "") return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${value}"`);
  }
  return port;
};

async function main(): Promise<void> {
  const server = await startAgentServer({ port: parsePort(process.env.PORT), host: process.env.HOST });
  console.log(`Agent server listening on ${server.url}`);
  console.log("Assistants:");
  for (const id of server.assistantIds) {
    const definition = Object.hasOwn(graphRegistry, id) ? graphRegistry[id as keyof typeof graphRegistry] : undefined;
    console.log(`  ${id.padEnd(18)} ${definition?.description ?? ""}`);
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, shutting down`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("Shutdown failed:", error);
        process.exit(1);
      },
    );
  };
  // A promise a graph library left unobserved must not take the whole server down with it.
  process.on("unhandledRejection", (reason) => console.error("Unhandled rejection (server keeps running):", reason));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
