import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../app/app-context.js';
import { findCodeByPlain } from '../../../modules/consent/find-code.js';
import { issueConsentCodes } from '../../../modules/consent/issue-consent-codes.js';
import { CODE_STATUS_FILTERS, searchConsentCodes, type CodeStatusFilter } from '../../../modules/consent/search-consent-codes.js';
import { summariseCodesByClass } from '../../../modules/consent/summarise-codes-by-class.js';
import { recordConsent } from '../../../modules/consent/record-consent.js';
import { renderConsentFormsPdf } from '../../../modules/consent/render-consent-forms-pdf.js';
import { revokeConsentCode } from '../../../modules/consent/revoke-consent-code.js';
import type { Actor } from '../../../modules/consent/types.js';
import { isChatChannel } from '../../../modules/notifications/choose-channels.js';
import { formatInstant } from '../../../modules/reports/format.js';
import { toCsv } from '../../../modules/reports/to-csv.js';
import { assertAdmin, authorizeClass, isUuid, visibleClasses } from '../../../modules/staff/authorize.js';
import { AppError } from '../../../lib/app-error.js';
import { botUsername } from '../bot-username.js';
import { resolveSchoolBotLinks } from '../../../modules/bots/resolve-school-bot-links.js';
import { notice } from '../layout.js';
import { formField, formFields, queryField, sendDownload, sendPage, signedIn, type SignedIn } from '../request-state.js';
import { consentPage, issuedPage } from './consent-view.js';
import { EMPTY_FILTER, readCodesFilter, registerCodesBulkPages, studentFormRefused } from './codes-bulk-pages.js';
import type { CodesFilter } from './codes-list-view.js';

const MAX_CODES_PER_DOWNLOAD = 2000;
const PAGE_SIZE = 50;

function consentError(s: SignedIn, error: AppError): string {
  const details = (error.details ?? {}) as { field?: string; status?: string };
  if (error.code === 'INVALID_INPUT' && details.field) {
    const key = `staff:consent.error.field.${details.field.replace(/^--/, '')}`;
    return s.t(key, { defaultValue: s.t('staff:consent.error.INVALID_INPUT') });
  }
  if (error.code === 'CONFLICT') return s.t('staff:consent.error.CONFLICT', { status: details.status ? s.t(`staff:codeStatus.${details.status}`) : '' });
  return s.t(`staff:consent.error.${error.code}`, { defaultValue: s.t(`staff:errors.${error.code}`) });
}

export function registerConsentPages(app: FastifyInstance, ctx: AppContext): void {
  const prisma = ctx.db.prisma;
  const actorOf = (s: SignedIn): Actor => ({ type: 'admin', id: s.user.id });

  async function render(s: SignedIn, filter: CodesFilter, extra: { message?: ReturnType<typeof notice>; form?: Record<string, string> } = {}) {
    const now = new Date();
    const classes = await visibleClasses(prisma, s.user);
    // A class id of another school is NOT_FOUND, as everywhere.
    if (filter.class) await authorizeClass(prisma, s.user, filter.class);
    const classIds = filter.class ? [filter.class] : classes.map((c) => c.id);
    const [summary, found, school] = await Promise.all([
      summariseCodesByClass(prisma, s.user.schoolId, now, classes.map((c) => c.id)),
      searchConsentCodes(prisma, ctx.secret, {
        schoolId: s.user.schoolId,
        classIds,
        status: (CODE_STATUS_FILTERS as readonly string[]).includes(filter.status) ? (filter.status as CodeStatusFilter) : undefined,
        forStudent: filter.kind === 'students' ? true : filter.kind === 'guardians' ? false : undefined,
        query: filter.q,
        page: filter.page,
        pageSize: PAGE_SIZE,
        now,
      }),
      prisma.school.findUniqueOrThrow({ where: { id: s.user.schoolId }, select: { chatChannels: true } }),
    ]);
    return consentPage(s, { classes, filter, summary, codes: found.codes, total: found.total, pageSize: PAGE_SIZE, chatChannels: school.chatChannels.filter(isChatChannel), ...extra });
  }

  app.get('/staff/admin/consent-codes', async (request, reply) => {
    const s = signedIn(request);
    assertAdmin(s.user);
    const done = queryField(request, 'done');
    const count = Number.parseInt(queryField(request, 'count'), 10) || 0;
    const message = ['recorded', 'refused', 'revoked'].includes(done)
      ? notice('ok', s.t(`staff:consent.done.${done}`))
      : done === 'bulkRevoked'
        ? notice('ok', s.t('codes-page:bulk.revoked', { count }))
        : undefined;
    return sendPage(reply, await render(s, readCodesFilter(request), { message }));
  });

  registerCodesBulkPages(app, ctx, render);

  app.post('/staff/admin/consent-codes/issue', async (request, reply) => {
    const s = signedIn(request);
    assertAdmin(s.user);
    const schoolClass = await authorizeClass(prisma, s.user, formField(request, 'classId'));
    const perStudent = Number(formField(request, 'perStudent') || '1');
    const forStudents = formField(request, 'for') === 'students';
    try {
      // The page lists the class's codes beside the button and revokes them one by one: issuing adds to them.
      const issued = await issueConsentCodes(prisma, ctx.secret, { schoolId: s.user.schoolId, classExternalId: schoolClass.externalId, perStudent, existing: 'additional', forStudents, actor: actorOf(s) });
      return sendPage(reply, issuedPage(s, { ...issued, forStudents }, schoolClass.id));
    } catch (error) {
      if (!AppError.is(error)) throw error;
      return sendPage(reply, await render(s, { ...EMPTY_FILTER, class: schoolClass.id }, { message: notice('error', consentError(s, error)) }), 422);
    }
  });

  app.post('/staff/admin/consent-codes/download', async (request, reply) => {
    const s = signedIn(request);
    assertAdmin(s.user);
    const plain = formFields(request, 'code').slice(0, MAX_CODES_PER_DOWNLOAD);
    // Every code is looked up by its hash within the admin's school: a forged list yields nothing foreign.
    const rows = [];
    for (const code of plain) {
      const row = await findCodeByPlain(prisma, ctx.secret, code, s.user.schoolId);
      const student = await prisma.student.findUniqueOrThrow({ where: { id: row.studentId }, include: { class: true } });
      rows.push({ code, row, student });
    }
    const table = {
      title: s.t('staff:consent.sheetTitle', { school: s.school.name }),
      columns: [s.t('staff:col.class'), s.t('staff:col.student'), s.t('staff:consent.code'), s.t('staff:consent.expiresAt')],
      widths: [1, 3, 2, 1.5],
      rows: rows.map((r) => [r.student.class.name, r.student.fullName, r.code, formatInstant(r.row.expiresAt, s.school.timezone, s.lang)]),
    };
    const name = `consent-codes-${rows[0]?.student.class.name ?? 'class'}`;
    // The printed form is a parent's consent: a student's code never goes on one, even when asked for directly.
    if (formField(request, 'format') !== 'csv' && rows.some((r) => r.row.forStudent)) return sendPage(reply, studentFormRefused(s), 422);
    if (formField(request, 'format') === 'csv') return sendDownload(reply, { filename: `${name}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv(table, s.lang) });
    const school = await prisma.school.findUniqueOrThrow({ where: { id: s.user.schoolId } });
    const offered = school.chatChannels.filter(isChatChannel);
    // The school's own bot where it has one: the default bot would refuse its codes.
    const bots = await resolveSchoolBotLinks(prisma, school.id, offered, (channel) => botUsername(ctx, channel));
    const missing = bots.filter((b) => b.botUsername === null).map((b) => b.channel);
    if (missing.length > 0) {
      // A form without a messenger's link would send families where they cannot connect: say
      // which bot is missing and keep the codes on screen, with their list still downloadable.
      const issued = { className: rows[0]?.student.class.name ?? '', codes: rows.map((r) => ({ code: r.code, studentName: r.student.fullName, expiresAt: r.row.expiresAt })) };
      const message = notice('error', missing.map((c) => s.t(`staff:consent.botMissing.${c}`)).join(' '));
      return sendPage(reply, issuedPage(s, issued, formField(request, 'classId'), message), 409);
    }
    const chats = bots.map((b) => ({ channel: b.channel, botUsername: b.botUsername as string }));
    const forms = rows.map((r) => ({ code: r.code, studentName: r.student.fullName, className: r.student.class.name, expiresAt: r.row.expiresAt }));
    // The forms go to families: in the school's language, not the admin's.
    const pdf = await renderConsentFormsPdf({ schoolName: school.name, timezone: school.timezone, chats, lang: school.defaultLocale, forms });
    return sendDownload(reply, { filename: `${name}.pdf`, contentType: 'application/pdf', body: pdf });
  });

  app.post('/staff/admin/consent-codes/record', async (request, reply) => {
    const s = signedIn(request);
    assertAdmin(s.user);
    const classId = formField(request, 'classId');
    const fields = ['code', 'decision', 'guardianName', 'email', 'phone', 'channel', 'documentDate'];
    const form = Object.fromEntries(fields.map((f) => [f, formField(request, f).slice(0, 300)]));
    try {
      const recorded = await recordConsent(prisma, ctx.secret, {
        schoolId: s.user.schoolId,
        code: form.code ?? '',
        decision: form.decision ?? '',
        guardianName: form.guardianName || undefined,
        email: form.email || undefined,
        phone: form.phone || undefined,
        channel: form.channel || undefined,
        documentDate: form.documentDate || undefined,
        actor: actorOf(s),
      });
      const student = await prisma.student.findUniqueOrThrow({ where: { id: recorded.studentId }, select: { classId: true } });
      return reply.redirect(`/staff/admin/consent-codes?class=${student.classId}&done=${recorded.decision === 'signed' ? 'recorded' : 'refused'}`, 303);
    } catch (error) {
      if (!AppError.is(error)) throw error;
      const status = error.code === 'CONFLICT' ? 409 : error.code === 'NOT_FOUND' ? 404 : 422;
      return sendPage(reply, await render(s, { ...EMPTY_FILTER, class: isUuid(classId) ? classId : '' }, { message: notice('error', consentError(s, error)), form }), status);
    }
  });

  app.post('/staff/admin/consent-codes/revoke', async (request, reply) => {
    const s = signedIn(request);
    assertAdmin(s.user);
    const classId = formField(request, 'classId');
    try {
      // A listed code comes by id, a typed one by its text; either way only within the admin's school.
      const codeId = formField(request, 'codeId');
      const code = isUuid(codeId)
        ? { id: codeId }
        : await findCodeByPlain(prisma, ctx.secret, formField(request, 'code'), s.user.schoolId);
      const revoked = await revokeConsentCode(prisma, ctx.secret, { id: code.id, schoolId: s.user.schoolId }, { actor: actorOf(s) });
      const codeRow = await prisma.consentCode.findUniqueOrThrow({ where: { id: revoked.codeId }, select: { studentId: true } });
      const student = await prisma.student.findUniqueOrThrow({ where: { id: codeRow.studentId }, select: { classId: true } });
      return reply.redirect(`/staff/admin/consent-codes?class=${student.classId}&done=revoked`, 303);
    } catch (error) {
      if (!AppError.is(error)) throw error;
      const status = error.code === 'CONFLICT' ? 409 : error.code === 'NOT_FOUND' ? 404 : 422;
      return sendPage(reply, await render(s, { ...EMPTY_FILTER, class: isUuid(classId) ? classId : '' }, { message: notice('error', consentError(s, error)) }), status);
    }
  });
}
