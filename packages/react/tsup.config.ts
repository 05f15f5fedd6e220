import { defineConfig } from "tsup";
import { libraryBuild } from "../../tsup.preset";

// Bundling drops per-file "use client" directives, so the bundle gets one banner; rollup's
// tree-shaking pass would drop that too (consumers tree-shake the ESM output anyway).
export default defineConfig(libraryBuild({ external: ["react"], treeshake: false, banner: { js: '"use client";' } }));
