// One announcement: its tracking page, the reminder to those who have not acknowledged
// (or read) it, the CSV of the same table, and its attachment.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../app/app-context.js';
import { AppError } from '../../../lib/app-error.js';
import { announcementTrackingCsv } from '../../../modules/announcements/announcement-tracking-csv.js';
import { authorizeAnnouncement } from '../../../modules/announcements/authorize-announcement.js';
import { loadAnnouncementTracking } from '../../../modules/announcements/load-announcement-tracking.js';
import { loadAttachmentFile } from '../../../modules/announcements/open-attachment.js';
import { remindAnnouncement } from '../../../modules/announcements/remind-announcement.js';
import { formatDate, formatInstant, localDate } from '../../../modules/reports/format.js';
import type { SafeHtml } from '../html.js';
import { layout, notice } from '../layout.js';
import { queryField, sendDownload, sendPage, signedIn, type SignedIn } from '../request-state.js';
import { refusalText } from './announcement-form.js';
import { trackingBody, trackingPath } from './announcement-tracking-view.js';

type ById = { Params: { id: string } };

export function registerAnnouncementTrackingPages(app: FastifyInstance, ctx: AppContext, options: { now: () => Date }): void {
  const prisma = ctx.db.prisma;

  const page = async (s: SignedIn, id: string, pendingOnly: boolean, message?: SafeHtml): Promise<SafeHtml> => {
    const view = await loadAnnouncementTracking(prisma, s.user, id, options.now());
    const created = view.announcement.sentAt ?? view.announcement.sendAt;
    const title = s.t('announcement-pages:title.tracking', { date: formatDate(localDate(created, s.school.timezone), s.lang) });
    return layout(s, { title, path: trackingPath(id), query: pendingOnly ? { pending: '1' } : {}, body: trackingBody(s, view, { pendingOnly, message }) });
  };

  /** The notice a redirect back to the page asks for (?done=…). */
  const doneNotice = async (s: SignedIn, done: string, count: string, id: string): Promise<SafeHtml | undefined> => {
    if (done === 'sent') return notice('ok', s.t('announcement-pages:tracking.sent'));
    if (done === 'reminded') return notice('ok', s.t('announcement-pages:tracking.reminded', { count: Number(count) || 0 }));
    if (done === 'scheduled') {
      const row = await prisma.announcement.findFirst({ where: { id, schoolId: s.user.schoolId }, select: { sendAt: true } });
      return row ? notice('ok', s.t('announcement-pages:tracking.scheduledDone', { at: formatInstant(row.sendAt, s.school.timezone, s.lang) })) : undefined;
    }
    return undefined;
  };

  app.get<ById>('/staff/announcements/:id', async (request, reply) => {
    const s = signedIn(request);
    const { id } = await authorizeAnnouncement(prisma, s.user, request.params.id);
    const message = await doneNotice(s, queryField(request, 'done'), queryField(request, 'count'), id);
    return sendPage(reply, await page(s, id, queryField(request, 'pending') === '1', message));
  });

  app.post<ById>('/staff/announcements/:id/remind', async (request, reply) => {
    const s = signedIn(request);
    const { id } = await authorizeAnnouncement(prisma, s.user, request.params.id);
    try {
      const result = await remindAnnouncement(prisma, s.user, id, options.now());
      return reply.redirect(`${trackingPath(id)}?done=reminded&count=${result.reminded}`, 303);
    } catch (error) {
      // Too soon after the last one, nobody left, not sent yet: the page says which.
      if (!AppError.is(error, 'CONFLICT') && !AppError.is(error, 'RATE_LIMITED')) throw error;
      const text = refusalText(error, s.t, s.school.timezone, s.lang, 'remind') ?? s.t(`staff:errors.${error.code}`);
      return sendPage(reply, await page(s, id, false, notice('error', text)), error.code === 'RATE_LIMITED' ? 429 : 409);
    }
  });

  app.get<ById>('/staff/announcements/:id/export.csv', async (request, reply) => {
    const s = signedIn(request);
    const view = await loadAnnouncementTracking(prisma, s.user, request.params.id, options.now());
    const now = options.now();
    await prisma.auditLog.create({
      data: { schoolId: s.user.schoolId, actorType: s.user.role, actorId: s.user.id, action: 'announcement.export', targetType: 'announcement', targetId: view.announcement.id, details: { format: 'csv' }, createdAt: now },
    });
    const filename = `${s.t('announcement-pages:csvName', { date: localDate(view.announcement.sendAt, s.school.timezone) })}.csv`;
    return sendDownload(reply, { filename, contentType: 'text/csv; charset=utf-8', body: announcementTrackingCsv(view, s.t, s.lang) });
  });

  app.get<ById>('/staff/announcements/:id/attachment', async (request, reply) => {
    const s = signedIn(request);
    const { id, schoolId } = await authorizeAnnouncement(prisma, s.user, request.params.id);
    const file = await loadAttachmentFile(prisma, schoolId, id);
    if (!file) throw new AppError('NOT_FOUND', 'this announcement has no attachment');
    return sendDownload(reply, { filename: file.fileName, contentType: file.mimeType, body: file.bytes });
  });
}
