// Links from notification emails that work without logging in: acknowledge (R10),
// one-click unsubscribe (RFC 8058) and an announcement's attachment (/a/<token>, opened at
// once: it only shows a file, and opening it counts as reading the announcement). GET only shows a page with a button, because mail
// scanners open links on their own; the POST does the work. Expired links and links of a
// family that withdrew consent record nothing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/app-context.js';
import { pickLang, translator } from '../../i18n/index.js';
import { AppError } from '../../lib/app-error.js';
import { assertAcknowledgeable, recordAcknowledgment } from '../../modules/notifications/record-acknowledgment.js';
import { checkLinkToken, type LinkPurpose } from '../../modules/notifications/sign-link.js';
import { unsubscribeChannel } from '../../modules/notifications/unsubscribe-channel.js';
import { openAnnouncementAttachment } from '../../modules/announcements/open-attachment.js';
import { sendDownload } from '../staff/request-state.js';
import { confirmForm, paragraph, PUBLIC_PAGE_ROUTE, sendPublicPage } from '../public-page.js';

type Params = { Params: { token: string } };
type Outcome = 'invalid' | 'expired' | 'withdrawn' | 'gone' | 'done' | 'already';

const STATUS: Record<Outcome, number> = { invalid: 400, expired: 410, gone: 410, withdrawn: 403, done: 200, already: 200 };

function answer(reply: FastifyReply, request: FastifyRequest, purpose: LinkPurpose, outcome: Outcome, locale?: string | null): FastifyReply {
  const lang = pickLang(locale, request.headers['accept-language']);
  const t = translator(lang);
  const key = outcome === 'gone' ? 'invalid' : outcome;
  const kind = outcome === 'done' || outcome === 'already' ? 'ok' : 'fail';
  return sendPublicPage(reply, STATUS[outcome], lang, t(`notifications:${purpose}.title`), paragraph(t(`notifications:${purpose}.${key}`), kind));
}

/** The work's result, or 'gone' / 'withdrawn' when the acknowledgment is refused. */
async function attempt<T>(work: Promise<T>): Promise<T | 'gone' | 'withdrawn'> {
  try {
    return await work;
  } catch (error) {
    if (AppError.is(error, 'NOT_FOUND')) return 'gone';
    if (AppError.is(error, 'FORBIDDEN')) return 'withdrawn';
    throw error;
  }
}

export async function notificationLinkRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // RFC 8058 clients post "List-Unsubscribe=One-Click" form-encoded; the body itself is not needed.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  for (const purpose of ['ack', 'unsubscribe'] as const) {
    app.get<Params>(`/${purpose}/:token`, PUBLIC_PAGE_ROUTE, async (request, reply) => {
      const link = checkLinkToken(ctx.secret, purpose, request.params.token);
      if (link.kind !== 'valid') return answer(reply, request, purpose, link.kind);
      if (purpose === 'ack') {
        const refusal = await attempt(assertAcknowledgeable(ctx.db.prisma, link.id));
        if (typeof refusal === 'string') return answer(reply, request, purpose, refusal);
      }
      const lang = pickLang(request.headers['accept-language']);
      const t = translator(lang);
      return sendPublicPage(reply, 200, lang, t(`notifications:${purpose}.title`), confirmForm(t(`notifications:${purpose}.confirm`), t(`notifications:${purpose}.submit`)));
    });
  }

  app.post<Params>('/ack/:token', PUBLIC_PAGE_ROUTE, async (request, reply) => {
    const link = checkLinkToken(ctx.secret, 'ack', request.params.token);
    if (link.kind !== 'valid') return answer(reply, request, 'ack', link.kind);
    const result = await attempt(recordAcknowledgment(ctx.db.prisma, { outboxMessageId: link.id, channelType: 'email' }));
    if (typeof result === 'string') return answer(reply, request, 'ack', result);
    return answer(reply, request, 'ack', result.recorded ? 'done' : 'already');
  });

  app.get<Params>('/a/:token', PUBLIC_PAGE_ROUTE, async (request, reply) => {
    try {
      const file = await openAnnouncementAttachment(ctx.db.prisma, ctx.secret, request.params.token, new Date());
      return sendDownload(reply.header('cache-control', 'private, no-store'), { filename: file.fileName, contentType: file.mimeType, body: file.bytes, inline: true });
    } catch (error) {
      if (!AppError.is(error, 'NOT_FOUND')) throw error;
      const details = error.details as { reason?: string } | undefined;
      const lang = pickLang(request.headers['accept-language']);
      const t = translator(lang);
      const expired = details?.reason === 'expired';
      return sendPublicPage(reply, expired ? 410 : 404, lang, t('announcements:link.title'), paragraph(t(expired ? 'announcements:link.expired' : 'announcements:link.invalid'), 'fail'));
    }
  });

  app.post<Params>('/unsubscribe/:token', PUBLIC_PAGE_ROUTE, async (request, reply) => {
    const link = checkLinkToken(ctx.secret, 'unsubscribe', request.params.token);
    if (link.kind !== 'valid') return answer(reply, request, 'unsubscribe', link.kind);
    const result = await unsubscribeChannel(ctx.db.prisma, link.id);
    const outcome = result.kind === 'not_found' ? 'gone' : result.kind;
    return answer(reply, request, 'unsubscribe', outcome, result.locale);
  });
}
