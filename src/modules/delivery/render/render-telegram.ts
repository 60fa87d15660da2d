// Telegram HTML: escaped text, bold headings, split at Telegram's 4096-character limit
// on line boundaries; the Acknowledge button goes on the last part.
import { escapeHtml } from '../../../lib/escape-html.js';
import type { RenderedContent } from './render-content.js';

export const TELEGRAM_MAX_LENGTH = 4096;

export function renderTelegram(content: RenderedContent): string[] {
  const lines: string[] = [];
  if (content.title) lines.push(`<b>${escapeHtml(content.title)}</b>`);
  for (const section of content.sections) {
    if (lines.length) lines.push('');
    if (section.heading) lines.push(`<b>${escapeHtml(section.heading)}</b>`);
    for (const line of section.lines) lines.push(escapeHtml(line));
  }
  return splitMessage(lines, TELEGRAM_MAX_LENGTH);
}

/** Packs lines into parts of at most `max` characters; an over-long line is cut (never inside an entity). */
export function splitMessage(lines: readonly string[], max: number): string[] {
  const parts: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) parts.push(current.replace(/\n+$/, ''));
    current = '';
  };
  for (const line of lines) {
    const pieces = line.length > max ? cutLine(line, max) : [line];
    for (const piece of pieces) {
      if (current.length + piece.length + 1 > max) flush();
      current += `${piece}\n`;
    }
  }
  flush();
  return parts.length ? parts : [''];
}

function cutLine(line: string, max: number): string[] {
  // Bold markup only wraps whole headings, which are short; cut plain text, avoiding a split '&amp;'.
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > max) {
    let at = max;
    const amp = rest.lastIndexOf('&', at);
    if (amp > at - 6 && amp > 0) at = amp;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  pieces.push(rest);
  return pieces;
}
