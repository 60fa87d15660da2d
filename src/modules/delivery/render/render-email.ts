// Email: an HTML part in the school's layout (src/mail/email-layout.mjml, compiled ahead of
// time so sending never loads MJML) and a plain-text part with the same content.
import { translator } from '../../../i18n/index.js';
import { escapeHtml } from '../../../lib/escape-html.js';
import { EMAIL_LAYOUT } from '../../../mail/email-layout.generated.js';
import type { Lang } from '../../notifications/types.js';
import type { RenderedContent, Section } from './render-content.js';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const HEADING_STYLE = 'margin:0 0 6px;font-size:12px;font-weight:700;letter-spacing:0.06em;text-transform:uppercase;color:#5f6368';
const LIST_STYLE = 'margin:0;padding:0;list-style:none';
const ITEM_STYLE = 'margin:0;padding:8px 0;border-top:1px solid #eef0f3';

/** Fills `%%NAME%%` placeholders; values are already HTML. One pass, so a value is never re-read as a placeholder. */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/%%([A-Z_]+)%%/g, (whole, name: string) => values[name] ?? whole);
}

function sectionHtml(section: Section): string {
  // A heading with no lines opens a group: a child's name in a digest.
  if (section.lines.length === 0) return section.heading ? fill(EMAIL_LAYOUT.group, { TEXT: escapeHtml(section.heading) }) : '';
  const heading = section.heading ? `<p style="${HEADING_STYLE}">${escapeHtml(section.heading)}</p>` : '';
  const items = section.lines.map((line) => `<li style="${ITEM_STYLE}">${escapeHtml(line)}</li>`).join('');
  return fill(EMAIL_LAYOUT.list, { BODY: `${heading}<ul style="${LIST_STYLE}">${items}</ul>` });
}

export function renderEmail(content: RenderedContent, lang: Lang, links: { ack?: string; unsubscribe?: string }): RenderedEmail {
  const t = translator(lang);
  const school = content.school ?? '';
  const footer = school ? t('notifications:email.sentBy', { school }) : t('notifications:email.footer');

  const text: string[] = [];
  if (school) text.push(school);
  if (content.title) text.push(content.title);
  if (content.subtitle) text.push(content.subtitle);
  if (text.length) text.push('');
  for (const section of content.sections) {
    if (section.heading) text.push(section.heading);
    text.push(...section.lines.map((line) => `• ${line}`), '');
  }
  if (content.link) text.push(`${content.link.text}: ${content.link.href}`, '');
  if (links.ack) text.push(`${t('notifications:ack.link')}: ${links.ack}`, '');
  if (content.note) text.push(content.note, '');
  text.push('--', footer);
  if (school) text.push(t('notifications:email.footer'));
  if (links.unsubscribe) text.push(`${t('notifications:unsubscribe.link')}: ${links.unsubscribe}`);

  const blocks = content.sections.map(sectionHtml);
  if (content.link) blocks.push(fill(EMAIL_LAYOUT.list, { BODY: `<a href="${escapeHtml(content.link.href)}">${escapeHtml(content.link.text)}</a>` }));
  if (links.ack) blocks.push(fill(EMAIL_LAYOUT.ack, { HREF: escapeHtml(links.ack), TEXT: escapeHtml(t('notifications:ack.link')) }));
  if (content.note) blocks.push(fill(EMAIL_LAYOUT.note, { TEXT: escapeHtml(content.note) }));
  const html = fill(EMAIL_LAYOUT.frame, {
    LANG: lang,
    SUBJECT: escapeHtml(content.subject),
    PREHEADER: escapeHtml([content.title, content.subtitle].filter(Boolean).join(' · ')),
    SCHOOL_LINE: escapeHtml(t('common:appName')),
    SCHOOL: escapeHtml(school),
    TITLE: escapeHtml(content.title),
    SUBTITLE: escapeHtml(content.subtitle ?? ''),
    CONTENT: blocks.join('\n'),
    FOOTER: escapeHtml(school ? `${footer} ${t('notifications:email.footer')}` : footer),
    UNSUBSCRIBE: links.unsubscribe ? `<a href="${escapeHtml(links.unsubscribe)}" style="color:#6b7280">${escapeHtml(t('notifications:unsubscribe.link'))}</a>` : '',
  });
  return { subject: content.subject, text: text.join('\n'), html };
}
