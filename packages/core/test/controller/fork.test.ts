import { describe, expect, it } from "vitest";
import { textReply } from "../../../../apps/agent-server/src/graphs/text";
import type { StreamController } from "../../src/controller/stream-controller";
import { TRANSPORTS } from "../support";
import { FAST, poll, serverMessages, textOf, useControllers } from "./harness";

/** Each shown message's `parentCheckpointId`, by message id. */
function parentsOf(controller: StreamController): Map<string, string | undefined> {
  const metadata = controller.messageMetadataStore.getSnapshot();
  return new Map(
    controller.rootStore.getSnapshot().messages.map((message) => [message.id!, metadata.get(message.id!)?.parentCheckpointId]),
  );
}

async function serverTexts(threadId: string): Promise<string[]> {
  return (await serverMessages(threadId)).map((message) =>
    typeof message.content === "string"
      ? message.content
      : (message.content as { type: string; text?: string }[]).map((block) => block.text ?? "").join(""),
  );
}

describe.each(TRANSPORTS)("StreamController fork from a message over %s", (transport) => {
  const suite = useControllers(transport);

  async function twoTurns(): Promise<StreamController> {
    const controller = suite.make("text");
    await controller.submit({ messages: "one" }, FAST);
    await controller.submit({ messages: "two" }, FAST);
    return controller;
  }

  it("each message keeps the checkpoint it was first seen at (regression: all shared the last one)", async () => {
    const controller = await twoTurns();
    const parents = [...parentsOf(controller).values()];
    expect(parents).toHaveLength(4);
    expect(parents.every((parent) => typeof parent === "string")).toBe(true);
    expect(new Set(parents).size).toBe(4);
  });

  it("editing an earlier human message forks: the thread continues from the edit, the old tail is gone", async () => {
    const controller = await twoTurns();
    const [first, firstReply, second] = controller.rootStore.getSnapshot().messages;
    const parents = parentsOf(controller);
    const done = controller.submit({ messages: "two, edited" }, { ...FAST, forkFrom: parents.get(second!.id!) });
    // Shown at once: the replaced tail left, the edit is appended.
    expect(controller.rootStore.getSnapshot().messages.map(textOf)).toEqual(["one", textReply("one"), "two, edited"]);
    await done;
    const snapshot = controller.rootStore.getSnapshot();
    expect(snapshot.error).toBeUndefined();
    expect(snapshot.messages.map(textOf)).toEqual(["one", textReply("one"), "two, edited", textReply("two, edited")]);
    expect(snapshot.messages[0]).toBe(first);
    expect(snapshot.messages[1]).toBe(firstReply);
    expect(await serverTexts(snapshot.threadId!)).toEqual(snapshot.messages.map(textOf));
    // The kept messages kept their fork points.
    expect(parentsOf(controller).get(first!.id!)).toBe(parents.get(first!.id!));
  });

  it("regenerating a reply forks from the checkpoint before it", async () => {
    const controller = await twoTurns();
    const [, firstReply] = controller.rootStore.getSnapshot().messages;
    const forkFrom = parentsOf(controller).get(firstReply!.id!);
    const done = controller.submit(null, { ...FAST, forkFrom });
    expect(controller.rootStore.getSnapshot().messages.map(textOf)).toEqual(["one"]);
    await done;
    const snapshot = controller.rootStore.getSnapshot();
    expect(snapshot.messages.map(textOf)).toEqual(["one", textReply("one")]);
    expect(snapshot.messages[1]!.id).not.toBe(firstReply!.id);
    expect(await serverTexts(snapshot.threadId!)).toEqual(["one", textReply("one")]);
  });

  it("a controller that loads the thread finds the same fork points in its history, branches included", async () => {
    const writer = await twoTurns();
    const [, , second] = writer.rootStore.getSnapshot().messages;
    await writer.submit({ messages: "two, edited" }, { ...FAST, forkFrom: parentsOf(writer).get(second!.id!) });
    const expected = parentsOf(writer);
    const threadId = writer.rootStore.getSnapshot().threadId!;

    const reader = suite.make("text", { threadId });
    await reader.hydrationPromise;
    await poll(() => [...parentsOf(reader).values()].every((parent) => parent !== undefined));
    expect(parentsOf(reader)).toEqual(expected);
    const [first] = reader.rootStore.getSnapshot().messages;
    await reader.submit({ messages: "one, edited" }, { ...FAST, forkFrom: parentsOf(reader).get(first!.id!) });
    expect(reader.rootStore.getSnapshot().messages.map(textOf)).toEqual(["one, edited", textReply("one, edited")]);
    expect(await serverTexts(threadId)).toEqual(["one, edited", textReply("one, edited")]);
  });
});
