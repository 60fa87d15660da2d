// The markup as the HTML subset Telegram and MAX both accept (<b>, <i>, <s>, <a>); the web
// page uses it too. Everything from the journal or the parent is escaped here, once.
import { escapeHtml } from '../lib/escape-html.js';
import { renderBody, type Body, type Span } from './markup.js';

const TAGS = { bold: 'b', italic: 'i', strike: 's' } as const;

export function htmlSpan(span: Span): string {
  let html = escapeHtml(span.text);
  if (span.style) html = `<${TAGS[span.style]}>${html}</${TAGS[span.style]}>`;
  if (span.href) html = `<a href="${escapeHtml(span.href)}">${html}</a>`;
  return html;
}

export function renderHtml(body: Body): string {
  return renderBody(body, htmlSpan);
}
