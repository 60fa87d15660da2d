// Сотрудники: the school's staff with their status and last sign-in, search and filters,
// and the form that invites a colleague by email.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../app/app-context.js';
import { pickLang } from '../../../i18n/index.js';
import type { Mailer } from '../../../mail/create-mailer.js';
import { formatInstant } from '../../../modules/reports/format.js';
import { addStaffUser, INVITE_LIFETIME_HOURS } from '../../../modules/staff/add-staff-user.js';
import { assertAdmin, visibleClasses, type AuthorizedClass } from '../../../modules/staff/authorize.js';
import { listStaff, type StaffFilter, type StaffRow } from '../../../modules/staff/list-staff.js';
import { sendInvitation } from '../../../modules/staff/send-invitation.js';
import { isStaffStatus, STAFF_STATUSES, STAFF_NAME_MAX } from '../../../modules/staff/staff-status.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField, layout, notice } from '../layout.js';
import { formField, queryField, sendPage, signedIn, type SignedIn } from '../request-state.js';
import { dataTable, options } from '../table-html.js';
import { classOptions, describeProblem, fieldError, invalid, problemStatus, roleOptions, statusBadge, STAFF_PATH, type FieldProblem } from './staff-admin-view.js';

interface InviteValues {
  email: string;
  name: string;
  role: string;
  classId: string;
}

const EMPTY_INVITE: InviteValues = { email: '', name: '', role: 'teacher', classId: '' };

function readFilter(query: { q: string; role: string; status: string }): StaffFilter {
  return {
    search: query.q || undefined,
    role: query.role === 'admin' || query.role === 'teacher' ? query.role : undefined,
    status: isStaffStatus(query.status) ? query.status : undefined,
  };
}

function filters(s: SignedIn, filter: StaffFilter, count: number): SafeHtml {
  const { t } = s;
  const any = { value: '', label: t('staff-admin:filter.any') };
  return html`<form method="get" action="${STAFF_PATH}" class="filters" role="search">
  <label>${t('staff-admin:filter.search')}<input type="search" name="q" value="${filter.search ?? ''}" maxlength="200"></label>
  <label>${t('staff-admin:filter.role')}<select name="role">${options([any, { value: 'admin', label: t('staff:role.admin') }, { value: 'teacher', label: t('staff:role.teacher') }], filter.role ?? '')}</select></label>
  <label>${t('staff-admin:filter.status')}<select name="status">${options([any, ...STAFF_STATUSES.map((st) => ({ value: st, label: t(`staff-admin:status.${st}`) }))], filter.status ?? '')}</select></label>
  <button type="submit">${t('staff-admin:filter.apply')}</button>
  ${filter.search || filter.role || filter.status ? html`<a href="${STAFF_PATH}">${t('staff-admin:filter.reset')}</a>` : ''}
  <p class="hint" role="status">${t('staff-admin:filter.count', { count })}</p>
</form>`;
}

function staffTable(s: SignedIn, rows: StaffRow[]): SafeHtml {
  const { t, lang, school } = s;
  return dataTable<StaffRow>(
    [
      { label: t('staff-admin:col.name'), cell: (r) => html`<a href="${STAFF_PATH}/${r.id}">${r.fullName ?? r.email}</a>${r.id === s.user.id ? html` <span class="hint">(${t('staff-admin:you')})</span>` : ''}` },
      { label: t('staff-admin:col.email'), cell: (r) => r.email },
      { label: t('staff-admin:col.role'), cell: (r) => t(`staff:role.${r.role}`) },
      { label: t('staff-admin:col.class'), cell: (r) => r.className ?? t('staff-admin:noClass') },
      { label: t('staff-admin:col.status'), cell: (r) => statusBadge(s, r.status) },
      { label: t('staff-admin:col.lastLogin'), cell: (r) => (r.lastLoginAt ? formatInstant(r.lastLoginAt, school.timezone, lang) : t('staff-admin:never')) },
    ],
    rows,
    t('staff-admin:empty'),
  );
}

function inviteForm(s: SignedIn, classes: AuthorizedClass[], values: InviteValues, problem: FieldProblem | null): SafeHtml {
  const { t } = s;
  const f = 'invite';
  return html`<form method="post" action="${STAFF_PATH}" class="card narrow" id="invite" aria-labelledby="invite-title">
  ${csrfField(s)}
  <h2 id="invite-title">${t('staff-admin:invite.title')}</h2>
  <p class="hint">${t('staff-admin:invite.hint', { hours: INVITE_LIFETIME_HOURS })}</p>
  <label>${t('staff-admin:invite.email')}<input type="email" name="email" value="${values.email}" autocomplete="off" required maxlength="254"${invalid(f, problem, 'email')}>${fieldError(f, problem, 'email')}</label>
  <label>${t('staff-admin:invite.name')}<input type="text" name="name" value="${values.name}" autocomplete="off" maxlength="${STAFF_NAME_MAX}"${invalid(f, problem, 'name')}>${fieldError(f, problem, 'name')}</label>
  <label>${t('staff-admin:invite.role')}<select name="role"${invalid(f, problem, 'role')}>${roleOptions(s, values.role)}</select>${fieldError(f, problem, 'role')}</label>
  <label>${t('staff-admin:invite.class')}<select name="class"${invalid(f, problem, 'class')}>${classOptions(s, classes, values.classId)}</select>${fieldError(f, problem, 'class')}</label>
  <button type="submit">${t('staff-admin:invite.submit')}</button>
</form>`;
}

async function page(s: SignedIn, ctx: AppContext, filter: StaffFilter, invite: InviteValues, problem: FieldProblem | null): Promise<SafeHtml> {
  const [rows, classes] = await Promise.all([listStaff(ctx.db.prisma, s.user.schoolId, filter, new Date()), visibleClasses(ctx.db.prisma, s.user)]);
  const query: Record<string, string> = {};
  if (filter.search) query.q = filter.search;
  if (filter.role) query.role = filter.role;
  if (filter.status) query.status = filter.status;
  const body = html`${problem ? notice('error', problem.message) : ''}
<p class="hint">${s.t('staff-admin:intro')}</p>
${filters(s, filter, rows.length)}
${staffTable(s, rows)}
${inviteForm(s, classes, invite, problem)}`;
  return layout(s, { title: s.t('staff-admin:title'), path: STAFF_PATH, query, body });
}

export function registerStaffListPage(app: FastifyInstance, ctx: AppContext, mailer: Mailer): void {
  const prisma = ctx.db.prisma;

  app.get(STAFF_PATH, async (request, reply) => {
    const s = signedIn(request);
    assertAdmin(s.user);
    const filter = readFilter({ q: queryField(request, 'q'), role: queryField(request, 'role'), status: queryField(request, 'status') });
    return sendPage(reply, await page(s, ctx, filter, EMPTY_INVITE, null));
  });

  // The invitation: the account is created and the link emailed; the admin never sees the link.
  app.post(STAFF_PATH, async (request, reply) => {
    const s = signedIn(request);
    assertAdmin(s.user);
    const values: InviteValues = { email: formField(request, 'email').trim(), name: formField(request, 'name'), role: formField(request, 'role'), classId: formField(request, 'class') };
    const refuse = async (problem: FieldProblem, status: number) => sendPage(reply, await page(s, ctx, {}, values, problem), status);
    if (values.role !== 'admin' && values.role !== 'teacher') return refuse({ field: 'role', message: s.t('staff-admin:error.role') }, 422);
    const classes = await visibleClasses(prisma, s.user);
    const chosen = values.role === 'teacher' && values.classId ? classes.find((c) => c.id === values.classId) : undefined;
    if (values.role === 'teacher' && values.classId && !chosen) return refuse({ field: 'class', message: s.t('staff-admin:error.noClass') }, 422);
    let added;
    try {
      added = await addStaffUser(prisma, ctx.secret, ctx.config.publicUrl, {
        schoolId: s.user.schoolId,
        role: values.role,
        email: values.email,
        classExternalId: chosen?.externalId,
        fullName: values.name,
        actorType: 'admin',
        actorId: s.user.id,
      });
    } catch (error) {
      const problem = describeProblem(s, error);
      if (!problem) throw error;
      return refuse(problem, problemStatus(error));
    }
    const school = await prisma.school.findUniqueOrThrow({ where: { id: s.user.schoolId }, select: { name: true, defaultLocale: true, timezone: true } });
    try {
      await sendInvitation(mailer, added, school.name, pickLang(school.defaultLocale), school.timezone);
    } catch (error) {
      request.log.warn({ err: error }, 'the invitation email could not be sent');
      return reply.redirect(`${STAFF_PATH}/${added.id}?done=invitedNotEmailed`, 303);
    }
    return reply.redirect(`${STAFF_PATH}/${added.id}?done=invited`, 303);
  });
}
