// A conversation screen as HTML: the same body the messengers get (one renderer for the
// markup), its buttons as links where they only show something and as forms where they
// change something, so the page works without JavaScript.
import { bodyLines } from '../../conversation/markup.js';
import { htmlSpan } from '../../conversation/render-html.js';
import type { Button, Screen } from '../../conversation/markup.js';
import { html, raw, type SafeHtml } from '../staff/html.js';

/** Payloads that only open a view: safe to follow as links (GET). */
const NAVIGATION = /^(v:[^:]+:[^:]*(:[^:]*)?|menu|ch:list|st:(main|dg|in|qh|lg|ch|ms|cal|cs)|stop:ask|msgs|msg:[A-Za-z0-9_-]{22})$/;

export function isNavigation(payload: string): boolean {
  return NAVIGATION.test(payload);
}

function button(b: Button, csrf: string): SafeHtml {
  if ('url' in b) return html`<a class="button secondary" href="${b.url}" rel="noopener">${b.label}</a>`;
  if (isNavigation(b.payload)) return html`<a class="button secondary" href="/me/go?p=${encodeURIComponent(b.payload)}">${b.label}</a>`;
  return html`<form method="post" action="/me/do" class="inline"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="p" value="${b.payload}"><button type="submit">${b.label}</button></form>`;
}

/** Paragraphs from the body's lines: an empty line starts a new one; the first line is the heading. */
function body(screen: Screen, headingLevel: 1 | 2): SafeHtml {
  const lines = bodyLines(screen.body).map((line) => line.map(htmlSpan).join(''));
  const [first, ...rest] = lines;
  const paragraphs: string[][] = [[]];
  for (const line of rest) {
    if (line === '') paragraphs.push([]);
    else paragraphs.at(-1)!.push(line);
  }
  const heading = first ? raw(`<h${headingLevel}>${first}</h${headingLevel}>`) : '';
  return html`${heading}${paragraphs.filter((p) => p.length > 0).map((p) => raw(`<p>${p.join('<br>')}</p>`))}`;
}

export function renderScreen(screen: Screen, csrf: string, headingLevel: 1 | 2 = 2): SafeHtml {
  const rows = (screen.buttons ?? []).map((row) => html`<div class="buttons">${row.map((b) => button(b, csrf))}</div>`);
  return html`<section class="card">${body(screen, headingLevel)}${rows.length ? html`<nav class="actions">${rows}</nav>` : ''}</section>`;
}
