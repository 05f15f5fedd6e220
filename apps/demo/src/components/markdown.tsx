/**
 * Markdown for streamed text: re-rendered as tokens arrive (a half-written `**bold` shows as text
 * until it closes). Raw HTML in the text is shown escaped, and only web and mail links are kept.
 */
import { Marked } from "marked";
import { memo, useMemo } from "react";

const escapeHtml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const SAFE_LINK = /^(https?:|mailto:|#|\/)/i;

const markdown = new Marked({
  gfm: true,
  breaks: true,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    link({ href, tokens }) {
      const label = this.parser.parseInline(tokens);
      if (!SAFE_LINK.test(href)) return label;
      return `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${label}</a>`;
    },
  },
});

/**
 * Renders `text` as markdown.
 *
 * @example
 * <Markdown text={message.text} />
 */
export const Markdown = memo(function Markdown({ text, className }: { text: string; className?: string }) {
  const html = useMemo(() => markdown.parse(text, { async: false }), [text]);
  return <div className={className ? `markdown ${className}` : "markdown"} dangerouslySetInnerHTML={{ __html: html }} />;
});
