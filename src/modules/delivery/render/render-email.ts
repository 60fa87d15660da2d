// Email: an HTML part and a plain-text part from the same content.
import { translator } from '../../../i18n/index.js';
import { escapeHtml } from '../../../lib/escape-html.js';
import type { Lang } from '../../notifications/types.js';
import type { RenderedContent } from './render-content.js';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export function renderEmail(content: RenderedContent, lang: Lang, links: { ack?: string; unsubscribe?: string }): RenderedEmail {
  const t = translator(lang);
  const text: string[] = [];
  const html: string[] = [];
  if (content.title) {
    text.push(content.title, '');
    html.push(`<h2>${escapeHtml(content.title)}</h2>`);
  }
  for (const section of content.sections) {
    if (section.heading) {
      text.push(section.heading);
      html.push(`<h3>${escapeHtml(section.heading)}</h3>`);
    }
    text.push(...section.lines, '');
    html.push(`<ul>${section.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`);
  }
  if (links.ack) {
    text.push(`${t('notifications:ack.link')}: ${links.ack}`, '');
    html.push(`<p><a href="${escapeHtml(links.ack)}"><b>${escapeHtml(t('notifications:ack.link'))}</b></a></p>`);
  }
  text.push('--', t('notifications:email.footer'));
  html.push(`<hr><p style="color:#666;font-size:12px">${escapeHtml(t('notifications:email.footer'))}`);
  if (links.unsubscribe) {
    text.push(`${t('notifications:unsubscribe.link')}: ${links.unsubscribe}`);
    html.push(` <a href="${escapeHtml(links.unsubscribe)}">${escapeHtml(t('notifications:unsubscribe.link'))}</a>`);
  }
  html.push('</p>');
  return {
    subject: content.subject,
    text: text.join('\n'),
    html: `<!doctype html><html lang="${lang}"><meta charset="utf-8"><body>${html.join('\n')}</body></html>`,
  };
}
