/**
 * Reads the text of a message the way both implementations store it (no imports, so the browser
 * page of the render scenario can use it too).
 */

/**
 * The text of a message whose content is a string or an array of content blocks.
 *
 * @example
 * textOf({ content: [{ type: "text", text: "hi" }] }); // "hi"
 */
export function textOf(message: { readonly content: unknown } | undefined): string {
  const content = message?.content;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  let text = "";
  for (const block of content as { type?: unknown; text?: unknown }[]) {
    if (block?.type === "text" && typeof block.text === "string") text += block.text;
  }
  return text;
}
