// Links from notification emails that work without logging in: acknowledge (R10) and
// one-click unsubscribe (RFC 8058). GET only shows a page with a button, because mail
// scanners open links on their own; the POST does the work.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/app-context.js';
import { pickLang, translator } from '../../i18n/index.js';
import { AppError } from '../../lib/app-error.js';
import { recordAcknowledgment } from '../../modules/notifications/record-acknowledgment.js';
import { verifyLinkToken } from '../../modules/notifications/sign-link.js';
import { unsubscribeChannel } from '../../modules/notifications/unsubscribe-channel.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function page(lang: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#222}
h1{font-size:1.4rem}button{font-size:1.1rem;padding:.5rem 1.2rem}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

type Params = { Params: { token: string } };

export async function notificationLinkRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // RFC 8058 clients post "List-Unsubscribe=One-Click" form-encoded; the body itself is not needed.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  const send = (reply: import('fastify').FastifyReply, status: number, lang: string, title: string, body: string) =>
    reply.status(status).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').type('text/html; charset=utf-8').send(page(lang, title, body));

  for (const purpose of ['ack', 'unsubscribe'] as const) {
    app.get<Params>(`/${purpose}/:token`, async (request, reply) => {
      const lang = pickLang(request.headers['accept-language']);
      const t = translator(lang);
      if (!verifyLinkToken(ctx.secret, purpose, request.params.token)) {
        return send(reply, 400, lang, t(`notifications:${purpose}.title`), `<p>${escapeHtml(t(`notifications:${purpose}.invalid`))}</p>`);
      }
      const form = `<p>${escapeHtml(t(`notifications:${purpose}.confirm`))}</p><form method="post"><button type="submit">${escapeHtml(t(`notifications:${purpose}.submit`))}</button></form>`;
      return send(reply, 200, lang, t(`notifications:${purpose}.title`), form);
    });
  }

  app.post<Params>('/ack/:token', async (request, reply) => {
    const lang = pickLang(request.headers['accept-language']);
    const t = translator(lang);
    const id = verifyLinkToken(ctx.secret, 'ack', request.params.token);
    if (!id) return send(reply, 400, lang, t('notifications:ack.title'), `<p>${escapeHtml(t('notifications:ack.invalid'))}</p>`);
    try {
      const result = await recordAcknowledgment(ctx.db.prisma, { outboxMessageId: id, channelType: 'email' });
      const text = t(result.recorded ? 'notifications:ack.done' : 'notifications:ack.already');
      return send(reply, 200, lang, t('notifications:ack.title'), `<p>${escapeHtml(text)}</p>`);
    } catch (error) {
      if (AppError.is(error, 'NOT_FOUND')) return send(reply, 410, lang, t('notifications:ack.title'), `<p>${escapeHtml(t('notifications:ack.invalid'))}</p>`);
      throw error;
    }
  });

  app.post<Params>('/unsubscribe/:token', async (request, reply) => {
    const id = verifyLinkToken(ctx.secret, 'unsubscribe', request.params.token);
    const result = id ? await unsubscribeChannel(ctx.db.prisma, id) : { found: false, locale: null };
    const lang = pickLang(result.locale, request.headers['accept-language']);
    const t = translator(lang);
    const ok = result.found;
    return send(reply, ok ? 200 : 400, lang, t('notifications:unsubscribe.title'), `<p>${escapeHtml(t(ok ? 'notifications:unsubscribe.done' : 'notifications:unsubscribe.invalid'))}</p>`);
  });
}
