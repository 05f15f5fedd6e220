/**
 * `pnpm demo`: starts the agent server and the chat app, prints the one URL to open.
 */
import { startDemo } from "../server/start-demo.ts";

async function main(): Promise<void> {
  const demo = await startDemo();
  console.log(`\n  agent-stream demo: ${demo.url}\n  (Ctrl+C stops it)\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    demo.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("Shutdown failed:", error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
