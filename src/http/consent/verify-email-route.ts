import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/app-context.js';
import { pickLang, translator } from '../../i18n/index.js';
import { verifyEmail } from '../../modules/consent/verify-email.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function page(lang: string, title: string, message: string, ok: boolean): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#222}
h1{font-size:1.4rem}.ok{color:#1a7f37}.fail{color:#b42318}</style></head>
<body><h1>${escapeHtml(title)}</h1><p class="${ok ? 'ok' : 'fail'}">${escapeHtml(message)}</p></body></html>`;
}

/** GET /consent/verify-email?token=…: the link from the confirmation email. */
export async function consentHttpRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get<{ Querystring: { token?: string } }>('/consent/verify-email', async (request, reply) => {
    const token = typeof request.query.token === 'string' ? request.query.token : '';
    const result = await verifyEmail(ctx.db.prisma, ctx.secret, token);
    const lang = pickLang(result.kind === 'verified' ? result.locale : undefined, request.headers['accept-language']);
    const t = translator(lang);
    const message =
      result.kind === 'verified' ? t('consent:verify.verified', { email: result.email, school: result.schoolName }) : t(`consent:verify.${result.kind}`);
    const status = result.kind === 'verified' ? 200 : result.kind === 'invalid' ? 400 : 410;
    // The link is a secret: keep it out of caches and referrers.
    return reply
      .status(status)
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .type('text/html; charset=utf-8')
      .send(page(lang, t('consent:verify.title'), message, result.kind === 'verified'));
  });
}
