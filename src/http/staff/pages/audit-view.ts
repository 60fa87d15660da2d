import type { Translate } from '../../../i18n/index.js';
import type { AuditSentence } from '../../../modules/reports/describe-audit-entry.js';
import type { AuditLine } from '../../../modules/reports/query-audit-lines.js';
import { localDate } from '../../../modules/reports/format.js';
import { html, type SafeHtml } from '../html.js';
import type { SignedIn } from '../request-state.js';

export interface DescribedLine {
  line: AuditLine;
  said: AuditSentence;
}

// Every placeholder shows as "…", so an action's sentence names it in the filter list:
// "неудачная попытка входа (адрес …)". A new action needs no label of its own.
const ELLIPSIS_DETAILS = new Proxy({}, { get: () => '…' });

export function actionLabel(t: Translate, action: string): string {
  return t(`audit:sentence.${action}`, { target: '…', class: '…', channel: '…', details: ELLIPSIS_DETAILS, defaultValue: action });
}

/** Actions grouped by their first word ("consent", "staff"), each group also selectable whole. */
export function actionOptions(t: Translate, actions: string[], selected: string): SafeHtml {
  const groups = new Map<string, string[]>();
  for (const a of actions) {
    const group = a.split('.')[0] ?? a;
    groups.set(group, [...(groups.get(group) ?? []), a]);
  }
  const option = (value: string, label: string) => html`<option value="${value}"${value === selected ? html` selected` : ''}>${label}</option>`;
  return html`${option('', t('audit:page.anyAction'))}${[...groups].map(([group, list]) => {
    const name = t(`audit:group.${group}`, { defaultValue: t('audit:group.other') });
    return html`<optgroup label="${name}">${option(`${group}.`, t('audit:page.allOfGroup', { group: name }))}${list.map((a) => option(a, actionLabel(t, a)))}</optgroup>`;
  })}`;
}

function detailsBlock(s: SignedIn, line: AuditLine): SafeHtml {
  const { t } = s;
  // A batch names its first few targets; the CSV carries them all.
  const target = line.targetType ? `${line.targetType}${line.targetIds.length ? `: ${line.targetIds.slice(0, 3).join(', ')}${line.targetIds.length > 3 ? ` … (+${line.targetIds.length - 3})` : ''}` : ''}` : '—';
  const json = line.details.length === 0 ? '' : JSON.stringify(line.details.length === 1 ? line.details[0] : line.details, null, 2);
  return html`<details class="raw"><summary>${t('audit:page.details')}</summary>
<dl>
  <dt>${t('audit:page.detailsAction')}</dt><dd><code>${line.action}</code>${line.count > 1 ? html` · ${t('audit:page.count', { count: line.count })}` : ''}</dd>
  <dt>${t('audit:page.detailsTarget')}</dt><dd><code>${target}</code></dd>
</dl>
${json ? html`<pre>${json}</pre>` : ''}
</details>`;
}

/** The lines grouped under the day they happened on, in the school's zone. */
export function auditDays(s: SignedIn, described: DescribedLine[]): SafeHtml {
  const tz = s.school.timezone;
  const locale = s.lang === 'ru' ? 'ru-RU' : 'en-GB';
  const dayTitle = new Intl.DateTimeFormat(locale, { timeZone: tz, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const time = new Intl.DateTimeFormat(locale, { timeZone: tz, hour: '2-digit', minute: '2-digit' });
  const days: Array<{ day: string; title: string; items: DescribedLine[] }> = [];
  for (const d of described) {
    const day = localDate(d.line.createdAt, tz);
    if (days.at(-1)?.day !== day) days.push({ day, title: dayTitle.format(d.line.createdAt), items: [] });
    days.at(-1)?.items.push(d);
  }
  return html`${days.map(
    (d) => html`<section class="audit-day" aria-labelledby="day-${d.day}">
<h2 id="day-${d.day}">${d.title}</h2>
<ol class="audit-lines">${d.items.map(
      ({ line, said }) => html`<li data-action="${line.action}">
  <time datetime="${line.createdAt.toISOString()}">${time.format(line.createdAt)}</time>
  <p class="sentence"><span class="who">${said.actor}</span>: ${said.sentence}</p>
  ${detailsBlock(s, line)}
</li>`,
    )}</ol>
</section>`,
  )}`;
}
