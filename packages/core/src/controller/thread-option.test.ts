import { describe, expect, it } from "vitest";
import { ThreadOptionFollower } from "./thread-option";

/** A stand-in controller showing `threadId`. */
const showing = (threadId: string | null) => ({ rootStore: { getSnapshot: () => ({ threadId }) } });

describe("ThreadOptionFollower", () => {
  it("loads the thread a changed option names, once", () => {
    const follower = new ThreadOptionFollower();
    const controller = showing(null);
    expect(follower.next(controller, "a")).toBe("a");
    expect(follower.next(controller, "a")).toBeUndefined();
    expect(follower.next(controller, "b")).toBe("b");
  });

  it("never reloads the thread the controller already shows (the onThreadId echo)", () => {
    const follower = new ThreadOptionFollower();
    expect(follower.next(showing(null), undefined)).toBeUndefined();
    const controller = showing("created-by-submit");
    expect(follower.next(controller, "created-by-submit")).toBeUndefined();
  });

  it("without the option, keeps a thread chosen by submit and carries it into a rebuilt controller", () => {
    const follower = new ThreadOptionFollower();
    const first = showing("chosen-by-submit");
    expect(follower.next(first, undefined)).toBeUndefined();
    const rebuilt = showing(null);
    expect(follower.next(rebuilt, undefined)).toBe("chosen-by-submit");
  });

  it("with the option, a rebuilt controller loads the option's thread, and null means a new thread", () => {
    const follower = new ThreadOptionFollower();
    expect(follower.next(showing("old"), "old")).toBeUndefined();
    expect(follower.next(showing(null), "old")).toBe("old");
    expect(follower.next(showing("old"), null)).toBeNull();
  });
});
