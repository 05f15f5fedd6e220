import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";
import { CrashBoundary } from "./components/crash-boundary";
import "./styles.css";

const container = document.getElementById("root");
if (container === null) throw new Error("index.html needs a <div id=\"root\">.");
createRoot(container).render(
  <StrictMode>
    <CrashBoundary>
      <App />
    </CrashBoundary>
  </StrictMode>,
);
