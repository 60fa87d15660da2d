// What a family page adds to offer web push: the manifest and the script in <head>, and a
// block of controls whose texts come from the locales; /me/push.js shows the one that fits
// the browser (on, off, blocked, not supported) and wires the buttons. A page that uses
// them is served with pushPageHelmet() from push-routes.ts.
import type { Translate } from '../../i18n/index.js';
import { html, type SafeHtml } from '../staff/html.js';

/** For <head>: installable as an app, and the script that turns push on and off. */
export function pushHeadTags(): SafeHtml {
  return html`<link rel="manifest" href="/me/manifest.webmanifest">
<meta name="theme-color" content="#1f5fa8">
<link rel="icon" href="/me/icons/icon.svg" type="image/svg+xml">
<link rel="apple-touch-icon" href="/me/icons/icon-192.png">
<script src="/me/push.js" defer></script>`;
}

/** The controls; without JavaScript nothing of them shows, since nothing could work. */
export function pushControls(t: Translate): SafeHtml {
  const state = (name: string) => html`<p data-push-state="${name}" role="status" hidden>${t(`push:controls.${name}`)}</p>`;
  return html`<section class="card" data-push>
${['on', 'off', 'denied', 'unsupported', 'failed'].map(state)}
<button type="button" data-push-enable hidden>${t('push:controls.enable')}</button>
<button type="button" data-push-disable hidden>${t('push:controls.disable')}</button>
</section>`;
}
