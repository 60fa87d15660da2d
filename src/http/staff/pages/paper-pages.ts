import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../app/app-context.js';
import { AppError } from '../../../lib/app-error.js';
import { formatInstant } from '../../../modules/reports/format.js';
import { listPaperBatches, markBatchHandedOut, type PaperBatchRow } from '../../../modules/reports/paper-batches.js';
import { createPaperBatch } from '../../../modules/paper/create-paper-batch.js';
import { authorizeClass, isUuid } from '../../../modules/staff/authorize.js';
import { html } from '../html.js';
import { csrfField, layout, notice } from '../layout.js';
import { queryField, sendDownload, sendPage, signedIn } from '../request-state.js';
import { dataTable } from '../table-html.js';
import { renderBatchPdf } from './paper-pdf.js';

export function registerPaperPages(app: FastifyInstance, ctx: AppContext): void {
  const prisma = ctx.db.prisma;

  app.get<{ Params: { classId: string } }>('/staff/classes/:classId/paper', async (request, reply) => {
    const s = signedIn(request);
    const schoolClass = await authorizeClass(prisma, s.user, request.params.classId);
    const { t, lang } = s;
    const tz = s.school.timezone;
    const batches = await listPaperBatches(prisma, s.user.schoolId, schoolClass.id);
    const current = batches[0];
    const base = `/staff/classes/${schoolClass.id}/paper`;
    const doneKey = queryField(request, 'done');
    const done = doneKey === 'handed-out' ? notice('ok', t('staff:paper.markedDone')) : doneKey === 'created' ? notice('ok', t('staff:paper.createdDone')) : undefined;
    const handOut = (b: PaperBatchRow) =>
      b.handedOutAt
        ? t('staff:paper.handedOut', { at: formatInstant(b.handedOutAt, tz, lang), by: b.handedOutBy ?? '' })
        : html`<form method="post" action="${base}/${b.id}/handed-out" class="inline">${csrfField(s)}<button type="submit" class="secondary">${t('staff:paper.markHandedOut')}</button></form>`;
    const body = html`${done}
<section class="card">
<h2>${t('staff:paper.currentTitle')}</h2>
${current
  ? html`<p>${t('staff:paper.covers', { from: formatInstant(current.coversFrom, tz, lang), to: formatInstant(current.coversTo, tz, lang), families: current.families })}</p>
<p class="exports"><a class="button" href="${base}/${current.id}.pdf" download>${t('staff:paper.downloadPdf')}</a> ${handOut(current)}</p>`
  : html`<p class="empty">${t('staff:paper.noBatches')}</p>`}
<form method="post" action="${base}" class="inline">${csrfField(s)}<button type="submit" class="secondary">${t('staff:paper.createNow')}</button></form>
<p class="hint">${t('staff:paper.createHint')}</p>
</section>
<h2>${t('staff:paper.historyTitle')}</h2>
${dataTable<PaperBatchRow>(
  [
    { label: t('staff:paper.created'), cell: (b) => formatInstant(b.createdAt, tz, lang) },
    { label: t('staff:paper.period'), cell: (b) => `${formatInstant(b.coversFrom, tz, lang)} – ${formatInstant(b.coversTo, tz, lang)}` },
    { label: t('staff:paper.families'), cell: (b) => b.families, className: () => 'num' },
    { label: 'PDF', cell: (b) => html`<a href="${base}/${b.id}.pdf" download>${t('staff:paper.pdf')}</a>` },
    { label: t('staff:paper.handOut'), cell: handOut },
  ],
  batches,
  t('staff:paper.noBatches'),
)}`;
    return sendPage(reply, layout(s, { title: t('staff:paper.title', { className: schoolClass.name }), path: base, body }));
  });

  app.get<{ Params: { classId: string; batchId: string } }>('/staff/classes/:classId/paper/:batchId.pdf', async (request, reply) => {
    const s = signedIn(request);
    const schoolClass = await authorizeClass(prisma, s.user, request.params.classId);
    if (!isUuid(request.params.batchId)) throw new AppError('NOT_FOUND', 'no such batch');
    const batch = await prisma.paperBatch.findFirst({ where: { id: request.params.batchId, schoolId: s.user.schoolId, classId: schoolClass.id } });
    if (!batch) throw new AppError('NOT_FOUND', 'no such batch');
    const pdf = await renderBatchPdf(ctx, batch);
    return sendDownload(reply, { filename: `paper-${schoolClass.name}-${batch.createdAt.toISOString().slice(0, 10)}.pdf`, contentType: 'application/pdf', body: pdf });
  });

  // A batch ahead of the schedule, e.g. before a parents' meeting.
  app.post<{ Params: { classId: string } }>('/staff/classes/:classId/paper', async (request, reply) => {
    const s = signedIn(request);
    const schoolClass = await authorizeClass(prisma, s.user, request.params.classId);
    const batch = await createPaperBatch(ctx.db.pool, { schoolId: s.user.schoolId, classId: schoolClass.id });
    await prisma.auditLog.create({ data: { schoolId: s.user.schoolId, actorType: s.user.role, actorId: s.user.id, action: 'paper.batch_create', targetType: 'paper_batch', targetId: batch.batchId } });
    return reply.redirect(`/staff/classes/${schoolClass.id}/paper?done=created`, 303);
  });

  app.post<{ Params: { classId: string; batchId: string } }>('/staff/classes/:classId/paper/:batchId/handed-out', async (request, reply) => {
    const s = signedIn(request);
    const schoolClass = await authorizeClass(prisma, s.user, request.params.classId);
    if (!isUuid(request.params.batchId)) throw new AppError('NOT_FOUND', 'no such batch');
    await markBatchHandedOut(prisma, { schoolId: s.user.schoolId, classId: schoolClass.id, batchId: request.params.batchId, staffId: s.user.id, actorType: s.user.role });
    return reply.redirect(`/staff/classes/${schoolClass.id}/paper?done=handed-out`, 303);
  });
}
