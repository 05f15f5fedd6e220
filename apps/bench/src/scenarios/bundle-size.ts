/**
 * Scenario 6: bundle size (esbuild, minified, ESM for browsers; gzip at the default level) of an
 * app entry importing each implementation; React, React DOM and `@langchain/core` stay external.
 */
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/** Sizes of one bundle in bytes. */
export interface BundleSize {
  readonly minified: number;
  readonly gzip: number;
  /** The largest inputs of the bundle (bytes of output they account for). */
  readonly largestInputs: readonly { readonly path: string; readonly bytes: number }[];
}

/** One entry compared between the two implementations. */
export interface BundleRow {
  readonly entry: string;
  readonly oursSource: string;
  readonly referenceSource: string;
  readonly ours: BundleSize;
  readonly reference: BundleSize;
}

const BENCH_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const EXTERNAL = ["react", "react/*", "react-dom", "react-dom/*", "@langchain/core", "@langchain/core/*"];

async function bundleSize(source: string): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: source, resolveDir: BENCH_ROOT, loader: "ts", sourcefile: "entry.ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["@agent-stream/source"],
    external: EXTERNAL,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error("esbuild produced no output");
  const inputs = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
  const largestInputs = Object.entries(inputs)
    .map(([path, info]) => ({ path: path.replace(/^.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, ""), bytes: info.bytesInOutput }))
    .sort((left, right) => right.bytes - left.bytes)
    .slice(0, 5);
  return { minified: output.contents.byteLength, gzip: gzipSync(output.contents).byteLength, largestInputs };
}

/** The entries: the React `useStream` and the framework-agnostic controller (with its client). */
const ENTRIES = [
  {
    entry: "useStream (React binding)",
    oursSource: 'export { useStream } from "@agent-stream/react";',
    referenceSource: 'export { useStream } from "@langchain/react";',
  },
  {
    entry: "core controller + client",
    oursSource: 'export { createStreamController } from "@agent-stream/core";',
    referenceSource: 'export { StreamController } from "@langchain/langgraph-sdk/stream";\nexport { Client } from "@langchain/langgraph-sdk";',
  },
] as const;

/**
 * Builds every entry for both implementations.
 *
 * @example
 * const rows = await runBundleSize(console.log);
 */
export async function runBundleSize(log: (line: string) => void): Promise<BundleRow[]> {
  const rows: BundleRow[] = [];
  for (const entry of ENTRIES) {
    const row: BundleRow = { ...entry, ours: await bundleSize(entry.oursSource), reference: await bundleSize(entry.referenceSource) };
    log(`  bundle ${entry.entry}: ours ${(row.ours.gzip / 1000).toFixed(1)} KB gzip, reference ${(row.reference.gzip / 1000).toFixed(1)} KB gzip`);
    rows.push(row);
  }
  return rows;
}
