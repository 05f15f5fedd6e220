/**
 * What the Node side of the render scenario asks the Chromium page for, and what the page answers.
 * Types only: both sides import it.
 */
import type { ContenderName } from "../contenders";
import type { DeliveryMode } from "../server/scripted-server";

/** One measured run: a fresh chat of `contender`, `held` messages on screen, then a reply of `tokens`. */
export interface RenderRunRequest {
  readonly contender: ContenderName;
  readonly mode: DeliveryMode;
  readonly tokens: number;
  readonly held: number;
  /** Spacing of `paced` frames (ms). */
  readonly spacingMs: number;
}

/** Render-body calls counted in the window, by role. */
export interface RenderTallySnapshot {
  /** Calls of the chat component that maps over the messages. */
  readonly list: number;
  /** Calls of the streaming message's memoised row. */
  readonly streamingRow: number;
  /** Calls of the streaming row's child (its text). */
  readonly streamingRowChild: number;
  /** Calls of the streaming row that showed the same text as its previous call (another field changed). */
  readonly streamingRowSameText: number;
  /** Calls of finished messages' memoised rows (all of them together). */
  readonly finishedRows: number;
  /** Calls of finished rows' children. */
  readonly finishedRowChildren: number;
  /** How many distinct finished rows rendered at least once. */
  readonly distinctFinishedRows: number;
  /** Commits in which a finished message arrived as a new object (same id, other identity). */
  readonly finishedIdentityChanges: number;
  /** Distinct finished messages that changed identity at least once. */
  readonly distinctFinishedIdentityChanges: number;
  /** Commits in which the `messages` array was a new object. */
  readonly messagesArrayChanges: number;
}

/** What one run produced. */
export interface RenderRunResult {
  readonly contender: ContenderName;
  readonly mode: DeliveryMode;
  readonly tokens: number;
  readonly held: number;
  /** Frames the server played in the counted window (the reply segment). */
  readonly frames: number;
  /** From the first to the last frame of the reply segment (ms, `performance.now()` in the page). */
  readonly deliveryMs: number;
  /** Counts from mount until the window opened (the held rows' first paint: every row renders once). */
  readonly beforeWindow: RenderTallySnapshot;
  /** Counts from the first reply frame until the final state was committed. */
  readonly atFinal: RenderTallySnapshot;
  /** Counts from the first reply frame until 50 ms after `submit()` resolved (includes trailing renders). */
  readonly settled: RenderTallySnapshot;
  /** The committed final state. */
  readonly finalMessageCount: number;
  readonly finalText: string;
  readonly finalIsLoading: boolean;
}

/** What the page exposes on `window`. */
export interface RenderBenchPage {
  run(request: RenderRunRequest): Promise<RenderRunResult>;
}
