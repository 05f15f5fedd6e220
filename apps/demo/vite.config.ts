import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** Workspace packages load from `src`, so the demo never waits for a build. */
const sourceConditions = ["@agent-stream/source"];

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: [...sourceConditions, "module", "browser", "development|production"] },
  optimizeDeps: {
    // Pre-bundled at start-up: a dependency discovered on first load would reload the page.
    include: [
      "react",
      "react-dom",
      "react-dom/client",
      "react/jsx-runtime",
      "react/jsx-dev-runtime",
      "marked",
      "@langchain/core/messages",
      "@agent-stream/core > uuid",
    ],
  },
  server: { warmup: { clientFiles: ["./src/main.tsx"] } },
});
