import { END, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { tinyPngBase64, tinyWavBase64 } from "../fake/media.js";
import { ScriptedChatModel } from "../fake/scripted-model.js";

/** URL of the image block that carries no inline data. */
export const MEDIA_IMAGE_URL = "https://example.com/agent-stream/diagram.png";

/** Text that precedes the media blocks. */
export const MEDIA_TEXT = "Here is a picture, a link to a diagram and a short tone.";

/** The inline media the `media` graph sends (base64). */
export const MEDIA_PAYLOADS = {
  png: tinyPngBase64(),
  wav: tinyWavBase64(),
};

/**
 * Builds the `media` graph: one `agent` node whose model streams text, then an inline PNG image
 * block (`data` + `mime_type`), a URL image block, and a WAV audio block streamed in three base64
 * pieces (a start block with the first piece, then two `data-delta`s).
 *
 * @example
 * ```ts
 * const graph = createMediaGraph();
 * ```
 */
export function createMediaGraph() {
  const model = new ScriptedChatModel({
    modelName: "scripted-media",
    script: () => ({
      text: MEDIA_TEXT,
      blocks: [
        { type: "image", data: MEDIA_PAYLOADS.png, mime_type: "image/png", id: "image-inline" },
        { type: "image", url: MEDIA_IMAGE_URL, mime_type: "image/png", id: "image-url" },
      ],
      audio: { data: MEDIA_PAYLOADS.wav, mimeType: "audio/wav", transcript: "a short tone", pieces: 3 },
    }),
  });
  return new StateGraph(MessagesAnnotation)
    .addNode("agent", async (state) => ({ messages: [await model.invoke(state.messages)] }))
    .addEdge(START, "agent")
    .addEdge("agent", END)
    .compile();
}
