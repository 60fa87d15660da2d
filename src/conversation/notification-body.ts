// A pushed message (final marks, alerts, digests) in the conversation's markup: the same
// model every chat renders, so a message reads alike in Telegram and MAX.
import type { RenderedContent } from '../modules/delivery/render/render-content.js';
import { bold, italic, link, type Inline } from './markup.js';

export function notificationBody(content: RenderedContent): Inline[] {
  const lines: Inline[] = [];
  if (content.title) lines.push(bold(content.title));
  // The title first, then what it covers (a digest's dates).
  if (content.subtitle) lines.push(content.subtitle);
  for (const section of content.sections) {
    if (lines.length) lines.push('');
    if (section.heading) lines.push(bold(section.heading));
    lines.push(...section.lines);
  }
  if (content.link) lines.push('', link(content.link.text, content.link.href));
  if (content.note) lines.push('', italic(content.note));
  return lines;
}
