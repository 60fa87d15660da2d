// The link from the confirmation email. GET only shows a page with a button, because mail
// scanners open links on their own; the POST confirms the address.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/app-context.js';
import { pickLang, translator } from '../../i18n/index.js';
import { previewEmailVerification, verifyEmail } from '../../modules/consent/verify-email.js';
import { confirmForm, paragraph, PUBLIC_PAGE_ROUTE, sendPublicPage } from '../public-page.js';

const STATUS = { verified: 200, pending: 200, invalid: 400, expired: 410, used: 410 } as const;

function tokenOf(request: FastifyRequest): string {
  const fromQuery = (request.query as { token?: unknown } | undefined)?.token;
  const fromBody = (request.body as Record<string, unknown> | undefined)?.token;
  return typeof fromBody === 'string' ? fromBody : typeof fromQuery === 'string' ? fromQuery : '';
}

export async function consentHttpRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  app.get('/consent/verify-email', PUBLIC_PAGE_ROUTE, async (request, reply) => {
    const token = tokenOf(request);
    const preview = await previewEmailVerification(ctx.db.prisma, ctx.secret, token);
    const lang = pickLang(preview.kind === 'pending' ? preview.locale : undefined, request.headers['accept-language']);
    const t = translator(lang);
    const body =
      preview.kind === 'pending'
        ? confirmForm(t('consent:verify.confirm', { email: preview.email, school: preview.schoolName }), t('consent:verify.submit'), { token })
        : paragraph(t(`consent:verify.${preview.kind}`), 'fail');
    return sendPublicPage(reply, STATUS[preview.kind], lang, t('consent:verify.title'), body);
  });

  app.post('/consent/verify-email', PUBLIC_PAGE_ROUTE, async (request, reply) => {
    const result = await verifyEmail(ctx.db.prisma, ctx.secret, tokenOf(request));
    const lang = pickLang(result.kind === 'verified' ? result.locale : undefined, request.headers['accept-language']);
    const t = translator(lang);
    const message =
      result.kind === 'verified' ? t('consent:verify.verified', { email: result.email, school: result.schoolName }) : t(`consent:verify.${result.kind}`);
    return sendPublicPage(reply, STATUS[result.kind], lang, t('consent:verify.title'), paragraph(message, result.kind === 'verified' ? 'ok' : 'fail'));
  });
}
