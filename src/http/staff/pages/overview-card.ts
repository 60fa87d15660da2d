// The overview's figure card: a big number, what it counts, a few lines and a link to the details.
import type { Translate } from '../../../i18n/index.js';
import { html, type HtmlValue, type SafeHtml } from '../html.js';

/** At most this many lines in a card; the rest is one click away. */
const CARD_LINES = 4;

export function card(state: 'ok' | 'warn' | 'bad', figure: HtmlValue, label: string, extra: HtmlValue, link: { href: string; text: string } | null): SafeHtml {
  return html`<li class="card overview-card ${state}"><span class="figure">${figure}</span><span class="figure-label">${label}</span>${extra}${link ? html`<a class="card-link" href="${link.href}">${link.text}</a>` : ''}</li>`;
}

export const lines = (items: HtmlValue[], max = CARD_LINES) => (items.length > 0 ? html`<ul class="card-lines">${items.slice(0, max).map((i) => html`<li>${i}</li>`)}</ul>` : '');

export function hoursLeft(t: Translate, hours: number): string {
  return hours < 0 ? t('staff:delivery.overdue', { hours: -hours }) : String(hours);
}
