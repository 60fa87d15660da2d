import type { SignedIn, StaffState } from './request-state.js';
import { html, withQuery, type HtmlValue, type SafeHtml } from './html.js';

export interface PageOptions {
  title: string;
  /** Path of the current page, to mark the active menu entry and build language links. */
  path: string;
  body: HtmlValue;
  query?: Record<string, string>;
}

function navigation(s: SignedIn, current: string): SafeHtml {
  const { t, user } = s;
  const items: Array<[string, string]> = [];
  if (user.role === 'teacher' && user.classId) {
    items.push([`/staff/classes/${user.classId}/acks`, t('staff:nav.acks')], [`/staff/classes/${user.classId}/paper`, t('staff:nav.paper')]);
  } else if (user.role === 'admin') {
    items.push(
      ['/staff/admin/consent-codes', t('staff:nav.consentCodes')],
      ['/staff/admin/acks', t('staff:nav.acks')],
      ['/staff/admin/delivery', t('staff:nav.delivery')],
      ['/staff/admin/summary', t('staff:nav.summary')],
      ['/staff/admin/lessons', t('staff:nav.lessons')],
      ['/staff/admin/audit', t('staff:nav.audit')],
      ['/staff/admin/school', t('staff:nav.school')],
    );
  }
  return html`<nav class="menu">${items.map(([href, label]) => html`<a href="${href}"${current === href || current.startsWith(`${href}/`) ? html` aria-current="page"` : ''}>${label}</a>`)}</nav>`;
}

export function csrfField(s: StaffState): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${s.csrfToken}">`;
}

export function layout(s: StaffState, options: PageOptions): SafeHtml {
  const { t, lang } = s;
  const other = lang === 'ru' ? 'en' : 'ru';
  const signed = s.user && s.school ? (s as SignedIn) : null;
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · ${t('staff:app')}</title>
<link rel="stylesheet" href="/staff/assets/staff.css">
</head>
<body>
<header class="top">
  <div class="brand">${t('staff:app')}${signed ? html` <span class="school">${signed.school.name}</span>` : ''}</div>
  <div class="account">
    <a class="lang" href="${withQuery(options.path, { ...options.query, lang: other })}" hreflang="${other}">${t(`staff:lang.${other}`)}</a>
    ${signed
      ? html`<span class="who">${signed.user.fullName ?? signed.user.email} · ${t(`staff:role.${signed.user.role}`)}</span>
    <form method="post" action="/staff/logout" class="inline">${csrfField(s)}<button type="submit" class="link">${t('staff:nav.logout')}</button></form>`
      : ''}
  </div>
  ${signed ? navigation(signed, options.path) : ''}
</header>
<main>
<h1>${options.title}</h1>
${options.body}
</main>
</body>
</html>`;
}

export function notice(kind: 'ok' | 'error' | 'info', text: HtmlValue): SafeHtml {
  return html`<p class="notice ${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${text}</p>`;
}
