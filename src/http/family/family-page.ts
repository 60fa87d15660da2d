import type { Translate } from '../../i18n/index.js';
import { html, type HtmlValue, type SafeHtml } from '../staff/html.js';
import { pushHeadTags } from './push-controls.js';

export interface FamilyPageState {
  lang: 'ru' | 'en';
  t: Translate;
  csrfToken: string;
  signedIn: boolean;
  /** A student's own session: no links to the parents' screens. */
  student?: boolean;
}

/** The page around every family view: a compact header, the content, and the sign-out forms. */
export function familyPage(s: FamilyPageState, content: HtmlValue, notices: Array<{ text: string; alert: boolean }> = []): SafeHtml {
  const { t, lang } = s;
  const csrf = html`<input type="hidden" name="_csrf" value="${s.csrfToken}">`;
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('family:title')}</title>
<link rel="stylesheet" href="/me/assets/family.css">
${pushHeadTags()}
</head>
<body>
<a class="skip" href="#content">${t('family:skip')}</a>
<header class="top">
  <span class="brand">${t('family:app')}</span>
  ${s.signedIn ? html`<a href="/me">${t('family:nav.menu')}</a>${s.student ? '' : html` <a href="/me/c/inbox">${t('family:nav.inbox')}</a> <a href="/me/c/settings">${t('family:nav.settings')}</a>`}` : ''}
</header>
<main id="content">
${notices.map((n) => html`<p class="notice${n.alert ? ' alert' : ''}" role="${n.alert ? 'alert' : 'status'}">${n.text}</p>`)}
${content}
</main>
${s.signedIn
    ? html`<footer>
  ${s.student ? '' : html`<a href="/me/go?p=st%3Acs">${t('family:consent')}</a> ·`}
  <form method="post" action="/me/sign-out">${csrf}<button type="submit" class="link">${t('family:signOut')}</button></form> ·
  <form method="post" action="/me/sign-out-everywhere">${csrf}<button type="submit" class="link">${t('family:signOutEverywhere')}</button></form>
</footer>`
    : ''}
</body>
</html>`;
}
