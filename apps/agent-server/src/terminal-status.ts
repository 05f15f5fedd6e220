import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

/** Run ids cancelled with `action=interrupt`; their root terminal lifecycle must say `interrupted`. */
export const interruptedRunIds = new Set<string>();

interface SessionLike {
  initialRun?: { run_id?: string; status?: string };
}

type SessionPrototype = SessionLike & { emitTerminalLifecycle?: (this: SessionLike) => Promise<void> };

// Internal module of @langchain/langgraph-api 1.5.1 that owns the root lifecycle of protocol runs.
const SESSION_MODULE = "dist/protocol/session/index.mjs";
const PATCHED = Symbol.for("agent-stream.interrupted-terminal");

let installation: Promise<boolean> | undefined;

async function patchSessionPrototype(): Promise<boolean> {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve("@langchain/langgraph-api/package.json");
  const moduleUrl = pathToFileURL(join(dirname(packageJson), SESSION_MODULE)).href;
  const sessionModule = (await import(moduleUrl)) as { RunProtocolSession?: { prototype: SessionPrototype } };
  const prototype = sessionModule.RunProtocolSession?.prototype as
    | (SessionPrototype & { [PATCHED]?: true })
    | undefined;
  const original = prototype?.emitTerminalLifecycle;
  if (prototype === undefined || typeof original !== "function") return false;
  if (prototype[PATCHED]) return true;
  prototype.emitTerminalLifecycle = function emitTerminalLifecycle(this: SessionLike) {
    const run = this.initialRun;
    if (run?.run_id !== undefined && interruptedRunIds.delete(run.run_id)) run.status = "interrupted";
    return original.call(this);
  };
  prototype[PATCHED] = true;
  return true;
}

/**
 * Makes runs cancelled with `action=interrupt` end with root `lifecycle interrupted`, as on `langgraph dev`.
 *
 * The embed server derives the root terminal status from its private run record, which a
 * cancel cannot reach, so this wraps the session's terminal emission to rewrite the status of
 * runs listed in {@link interruptedRunIds}. Resolves false (and changes nothing) when the
 * internal module is not where version 1.5.1 keeps it; callers then report cancels as `failed`.
 *
 * @example
 * ```ts
 * const supported = await installInterruptedTerminal();
 * ```
 */
export function installInterruptedTerminal(): Promise<boolean> {
  installation ??= patchSessionPrototype().catch(() => {
    // Internal layout changed: fall back to reporting cancelled runs as failed.
    return false;
  });
  return installation;
}
