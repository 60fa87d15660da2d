// Notifications and bot views are split for Telegram by one function: parts fit the
// limit, a long line is cut between words, never inside an entity, and nothing is lost.
import { notificationBody } from '../../src/conversation/notification-body.js';
import { renderHtml } from '../../src/conversation/render-html.js';
import type { RenderedContent } from '../../src/modules/delivery/render/render-content.js';
import { splitMessage, TELEGRAM_MESSAGE_LIMIT } from '../../src/lib/split-message.js';

const renderTelegram = (content: RenderedContent) => splitMessage(renderHtml(notificationBody(content)));

test('a notification with one very long teacher\'s note is cut between words and keeps every word', () => {
  const note = 'Илья & Маша <молодцы> '.repeat(400).trim();
  const parts = renderTelegram({ subject: 'Рекомендация', title: 'Рекомендация учителя', sections: [{ heading: 'Алгебра', lines: [note] }] });
  expect(parts.length).toBeGreaterThan(2);
  for (const part of parts) {
    expect(part.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
    expect(part).not.toMatch(/&[a-z#0-9]*$/);
  }
  // The headings go first; the note follows in parts that rejoin, with the spaces cut at, into the whole note.
  expect(parts[0]).toBe('<b>Рекомендация учителя</b>\n\n<b>Алгебра</b>');
  const body = parts.slice(1).join(' ');
  expect(body).toBe(note.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
});

test('short lines are packed into as few parts as fit, split only between lines', () => {
  const lines = Array.from({ length: 300 }, (_, i) => `<b>${i}</b> ${'x'.repeat(40)}`);
  const parts = splitMessage(lines.join('\n'));
  expect(parts).toHaveLength(Math.ceil(lines.join('\n').length / TELEGRAM_MESSAGE_LIMIT));
  expect(parts.join('\n')).toBe(lines.join('\n'));
});
