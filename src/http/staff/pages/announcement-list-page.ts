// The announcements list and the cancelling of a scheduled one.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../app/app-context.js';
import { AppError } from '../../../lib/app-error.js';
import { cancelAnnouncement } from '../../../modules/announcements/cancel-announcement.js';
import { listAnnouncements } from '../../../modules/announcements/list-announcements.js';
import { layout, notice } from '../layout.js';
import { queryField, sendPage, signedIn, type SignedIn } from '../request-state.js';
import type { SafeHtml } from '../html.js';
import { refusalText } from './announcement-form.js';
import { listBody, LIST_PATH } from './announcement-list-view.js';

const PAGE_SIZE = 20;

export function registerAnnouncementListPage(app: FastifyInstance, ctx: AppContext, options: { now: () => Date }): void {
  const prisma = ctx.db.prisma;

  const page = async (s: SignedIn, pageNumber: number, message?: SafeHtml): Promise<SafeHtml> => {
    const list = await listAnnouncements(prisma, s.user, { page: pageNumber, pageSize: PAGE_SIZE });
    return layout(s, { title: s.t('announcement-pages:title.list'), path: LIST_PATH, query: list.page > 1 ? { page: String(list.page) } : {}, body: listBody(s, list, message) });
  };

  app.get(LIST_PATH, async (request, reply) => {
    const s = signedIn(request);
    const asked = Number.parseInt(queryField(request, 'page'), 10);
    const message = queryField(request, 'done') === 'cancelled' ? notice('ok', s.t('announcement-pages:list.cancelled')) : undefined;
    return sendPage(reply, await page(s, Number.isFinite(asked) && asked > 0 ? asked : 1, message));
  });

  app.post<{ Params: { id: string } }>('/staff/announcements/:id/cancel', async (request, reply) => {
    const s = signedIn(request);
    try {
      await cancelAnnouncement(prisma, s.user, request.params.id, options.now());
      return reply.redirect(`${LIST_PATH}?done=cancelled`, 303);
    } catch (error) {
      // Sent or cancelled meanwhile: say so on the list, as it is now.
      if (!AppError.is(error, 'CONFLICT')) throw error;
      const text = refusalText(error, s.t, s.school.timezone, s.lang, 'cancel') ?? s.t('staff:errors.CONFLICT');
      return sendPage(reply, await page(s, 1, notice('error', text)), 409);
    }
  });
}
