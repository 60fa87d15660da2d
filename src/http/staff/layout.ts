import type { SignedIn, StaffState } from './request-state.js';
import { html, withQuery, type HtmlValue, type SafeHtml } from './html.js';

export interface PageOptions {
  title: string;
  /** Path of the current page, to mark the active menu entry and build language links. */
  path: string;
  body: HtmlValue;
  query?: Record<string, string>;
  /** The body carries its own <h1> (the error pages put the status above it). */
  ownHeading?: boolean;
}

type NavItem = [href: string, label: string];

function navItems(s: SignedIn): NavItem[] {
  const { t, user } = s;
  if (user.role === 'teacher' && user.classId) {
    const home = `/staff/classes/${user.classId}`;
    return [
      [home, t('staff:nav.classHome')],
      ['/staff/announcements', t('staff:nav.announcements')],
      [`${home}/acks`, t('staff:nav.acks')],
      [`${home}/paper`, t('staff:nav.paper')],
    ];
  }
  if (user.role !== 'admin') return [];
  return [
    ['/staff/admin', t('staff:nav.overview')],
    ['/staff/announcements', t('staff:nav.announcements')],
    ['/staff/admin/consent-codes', t('staff:nav.consentCodes')],
    ['/staff/admin/acks', t('staff:nav.acks')],
    ['/staff/admin/delivery', t('staff:nav.delivery')],
    ['/staff/admin/summary', t('staff:nav.summary')],
    ['/staff/admin/lessons', t('staff:nav.lessons')],
    ['/staff/admin/staff', t('staff:nav.staff')],
    ['/staff/admin/audit', t('staff:nav.audit')],
    ['/staff/admin/school', t('staff:nav.school')],
  ];
}

/**
 * The entry the page belongs to: the longest one the path starts with, so the class
 * home (/staff/classes/<id>) is not marked on that class's acknowledgment page too.
 */
function currentEntry(items: NavItem[], path: string): string | undefined {
  return items
    .map(([href]) => href)
    .filter((href) => path === href || path.startsWith(`${href}/`))
    .sort((a, b) => b.length - a.length)[0];
}

function navigation(s: SignedIn, path: string): SafeHtml {
  const items = navItems(s);
  const current = currentEntry(items, path);
  return html`<nav class="menu" aria-label="${s.t('staff:nav.label')}"><ul>${items.map(
    ([href, label]) => html`<li><a href="${href}"${href === current ? html` aria-current="page"` : ''}>${label}</a></li>`,
  )}</ul></nav>`;
}

export function csrfField(s: StaffState): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${s.csrfToken}">`;
}

function languageLink(s: StaffState, options: PageOptions): SafeHtml {
  const other = s.lang === 'ru' ? 'en' : 'ru';
  return html`<a class="lang" href="${withQuery(options.path, { ...options.query, lang: other })}" hreflang="${other}" lang="${other}">${s.t(`staff:lang.${other}`)}</a>`;
}

/**
 * The header. Signed in, the menu and the account actions sit in a <details> disclosure:
 * on a phone it is the «Меню» button, on a wide screen the stylesheet shows its content
 * as the horizontal menu and hides the button. It needs no script (the policy allows none).
 */
function header(s: StaffState, options: PageOptions): SafeHtml {
  const signed = s.user && s.school ? (s as SignedIn) : null;
  const brand = html`<a class="brand" href="/staff"><span class="app">${s.t('staff:app')}</span>${signed ? html`<span class="school">${signed.school.name}</span>` : ''}</a>`;
  if (!signed) return html`<header class="top"><div class="bar">${brand}<div class="account">${languageLink(s, options)}</div></div></header>`;
  return html`<header class="top"><div class="bar">${brand}
<details class="site-menu">
<summary><span class="burger" aria-hidden="true"></span>${s.t('staff:nav.menu')}</summary>
<div class="menu-panel">
${navigation(signed, options.path)}
<div class="account">
<span class="who">${signed.user.fullName ?? signed.user.email}<span class="role">${s.t(`staff:role.${signed.user.role}`)}</span></span>
${languageLink(s, options)}
<form method="post" action="/staff/logout" class="inline">${csrfField(s)}<button type="submit" class="link">${s.t('staff:nav.logout')}</button></form>
</div>
</div>
</details></div></header>`;
}

export function layout(s: StaffState, options: PageOptions): SafeHtml {
  return html`<!doctype html>
<html lang="${s.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · ${s.t('staff:app')}</title>
<link rel="stylesheet" href="/staff/assets/staff.css">
</head>
<body>
<a class="skip-link" href="#main">${s.t('staff:nav.skip')}</a>
${header(s, options)}
<main id="main" tabindex="-1">
${options.ownHeading ? '' : html`<h1>${options.title}</h1>`}
${options.body}
</main>
</body>
</html>`;
}

export function notice(kind: 'ok' | 'error' | 'info', text: HtmlValue): SafeHtml {
  return html`<p class="notice ${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${text}</p>`;
}
