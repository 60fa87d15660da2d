// Telegram HTML: escaped text, bold headings, split at Telegram's 4096-character limit
// on line boundaries; the Acknowledge button goes on the last part.
import { escapeHtml } from '../../../lib/escape-html.js';
import { splitMessage } from '../../../lib/split-message.js';
import type { RenderedContent } from './render-content.js';

export function renderTelegram(content: RenderedContent): string[] {
  const lines: string[] = [];
  if (content.title) lines.push(`<b>${escapeHtml(content.title)}</b>`);
  for (const section of content.sections) {
    if (lines.length) lines.push('');
    if (section.heading) lines.push(`<b>${escapeHtml(section.heading)}</b>`);
    for (const line of section.lines) lines.push(escapeHtml(line));
  }
  return splitMessage(lines.join('\n'));
}
