/**
 * The last line of defence: a render error shows what broke and a reload button instead of a
 * blank page.
 */
import { Component, type ErrorInfo, type ReactNode } from "react";
import { errorMessage } from "./format";

interface CrashBoundaryState {
  error: unknown;
}

/**
 * Catches render errors below it.
 *
 * @example
 * <CrashBoundary><App /></CrashBoundary>
 */
export class CrashBoundary extends Component<{ children: ReactNode }, CrashBoundaryState> {
  override state: CrashBoundaryState = { error: undefined };

  static getDerivedStateFromError(error: unknown): CrashBoundaryState {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error("The demo page crashed:", error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === undefined) return this.props.children;
    return (
      <div className="crash" role="alert">
        <h1>The page crashed</h1>
        <pre>{errorMessage(this.state.error)}</pre>
        <button className="button button--primary" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}
