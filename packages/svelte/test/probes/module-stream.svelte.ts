/**
 * A stream made in a `.svelte.ts` module, outside any component: created inside `$effect.root`,
 * disposed with it.
 */
import { useMessages, useStream, type StreamHandle } from "../../src/index";

/** A module-level chat: the stream, every AI text an effect saw, and `dispose`. */
export interface ModuleChat {
  readonly stream: StreamHandle;
  readonly seenTexts: string[];
  dispose(): void;
}

/** Creates the chat on `assistantId`. */
export function createModuleChat(apiUrl: string, assistantId: string): ModuleChat {
  let stream!: StreamHandle;
  const seenTexts: string[] = [];
  const dispose = $effect.root(() => {
    stream = useStream({ assistantId, apiUrl });
    const messages = useMessages(stream);
    $effect(() => {
      const last = messages.current.at(-1);
      if (last?.getType() === "ai") seenTexts.push(last.text);
    });
  });
  return { stream, seenTexts, dispose };
}
