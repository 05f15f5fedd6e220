import { reasoningAnswer, reasoningThought } from "@agent-stream/agent-server";
import type { BaseMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { TRANSPORTS, humanRun, openThread } from "../support";
import { textOf, tokenDelay, useControllers } from "./harness";

const BLOCK_TYPES = ["reasoning", "thinking"] as const;

/** The reasoning a message's content shows: standard `reasoning` blocks and Anthropic-style `thinking` ones. */
function reasoningBlocksOf(message: BaseMessage | undefined): string[] {
  if (message === undefined || typeof message.content === "string") return [];
  return message.content.flatMap((block) => {
    const value = block as { type: string; reasoning?: unknown; thinking?: unknown; value?: { thinking?: unknown } };
    if (value.type === "reasoning" && typeof value.reasoning === "string") return [value.reasoning];
    if (value.type === "thinking" && typeof value.thinking === "string") return [value.thinking];
    if (value.type === "non_standard" && typeof value.value?.thinking === "string") return [value.value.thinking];
    return [];
  });
}

describe.each(TRANSPORTS)("reasoning models over %s", (transport) => {
  const suite = useControllers(transport);

  it.each(BLOCK_TYPES)("streams %s blocks into one growing block before the answer, then keeps both", async (blockType) => {
    const controller = suite.make("reasoning");
    const seen: string[][] = [];
    controller.rootStore.subscribe(() => {
      const last = controller.rootStore.getSnapshot().messages.at(-1);
      if (last?.getType() === "ai") seen.push(reasoningBlocksOf(last));
    });
    // Paced so that partial reasoning is visible even on a loaded machine.
    const options = tokenDelay(15);
    await controller.submit(
      { messages: "why" },
      { config: { configurable: { ...options.config.configurable, reasoning_block: blockType } } },
    );

    const thought = reasoningThought("why");
    // Never split into two reasoning blocks, and only ever growing towards the whole thought.
    expect(seen.length).toBeGreaterThan(3);
    // (A message may show before its first block arrives.)
    for (const blocks of seen) {
      expect(blocks.length).toBeLessThanOrEqual(1);
      if (blocks.length === 1) expect(thought.startsWith(blocks[0]!)).toBe(true);
    }
    expect(seen.some((blocks) => blocks.length === 1 && blocks[0]!.length < thought.length)).toBe(true);
    const final = controller.rootStore.getSnapshot().messages.at(-1);
    expect(reasoningBlocksOf(final)).toEqual([thought]);
    expect(textOf(final)).toBe(reasoningAnswer("why"));
  });

  it.each(BLOCK_TYPES)("gives a ThreadStream message's reasoning and text apart (%s blocks)", async (blockType) => {
    const thread = openThread(transport, "reasoning");
    try {
      const messages = thread.messages;
      const run = humanRun("how", 1);
      await thread.run.start({ ...run, config: { configurable: { ...run.config.configurable, reasoning_block: blockType } } });
      const read: { reasoning: string; fragments: number; text: string }[] = [];
      for await (const message of messages) {
        let fragments = 0;
        for await (const fragment of message.reasoning) fragments += fragment.length > 0 ? 1 : 0;
        read.push({ reasoning: await message.reasoning, fragments, text: await message.text });
      }
      expect(read).toHaveLength(1);
      expect(read[0]).toMatchObject({ reasoning: reasoningThought("how"), text: reasoningAnswer("how") });
      expect(read[0]!.fragments).toBeGreaterThan(1);
    } finally {
      await thread.close();
    }
  });
});
