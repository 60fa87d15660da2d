// The small pages that links from emails open (acknowledge, unsubscribe, email confirmation):
// no login, no stylesheet file, one inline <style> that the CSP allows by its hash.
import type { FastifyReply } from 'fastify';
import { escapeHtml } from './staff/html.js';
import { allowInlineBlocksOf } from './security-headers.js';

const STYLE = `body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#222}
h1{font-size:1.4rem}button{font-size:1.1rem;padding:.5rem 1.2rem}.ok{color:#1a7f37}.fail{color:#b42318}`;

/** Route options for a route that answers with publicPage(). */
export const PUBLIC_PAGE_ROUTE = allowInlineBlocksOf(`<style>${STYLE}</style>`);

/** A paragraph of text, optionally marked as success or failure. */
export function paragraph(text: string, kind?: 'ok' | 'fail'): string {
  return `<p${kind ? ` class="${kind}"` : ''}>${escapeHtml(text)}</p>`;
}

/** A form that posts back to the same address with one button (mail scanners only GET). */
export function confirmForm(prompt: string, button: string, hidden: Record<string, string> = {}): string {
  const fields = Object.entries(hidden).map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join('');
  return `${paragraph(prompt)}<form method="post">${fields}<button type="submit">${escapeHtml(button)}</button></form>`;
}

/** Sends the page; the address is a secret, so it stays out of caches (and, by helmet, referrers). */
export function sendPublicPage(reply: FastifyReply, status: number, lang: string, title: string, bodyHtml: string): FastifyReply {
  const page = `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head>
<body><h1>${escapeHtml(title)}</h1>${bodyHtml}</body></html>`;
  return reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page);
}
