import type { Options } from "tsup";

/**
 * The one build preset every publishable package uses: ESM with `.d.ts`,
 * sourcemaps, no bundling of dependencies.
 */
export function libraryBuild(overrides: Options = {}): Options {
  return {
    entry: ["src/index.ts"],
    format: ["esm"],
    dts: true,
    sourcemap: true,
    clean: true,
    treeshake: true,
    target: "es2022",
    ...overrides,
  };
}
