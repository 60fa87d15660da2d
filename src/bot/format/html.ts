// Telegram's HTML parse mode: names, teachers' notes, anything from the journal is escaped.
import { escapeHtml } from '../../lib/escape-html.js';

export { escapeHtml };

export function bold(text: string): string {
  return `<b>${escapeHtml(text)}</b>`;
}

export function italic(text: string): string {
  return `<i>${escapeHtml(text)}</i>`;
}
