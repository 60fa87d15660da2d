// One colleague's account: change name, role and class; disable (after a confirmation
// step) or enable; resend the invitation; email a password reset link.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../app/app-context.js';
import { pickLang } from '../../../i18n/index.js';
import type { Mailer } from '../../../mail/create-mailer.js';
import { formatInstant } from '../../../modules/reports/format.js';
import { assertAdmin, visibleClasses } from '../../../modules/staff/authorize.js';
import { disableStaffUser } from '../../../modules/staff/disable-staff-user.js';
import { enableStaffUser } from '../../../modules/staff/enable-staff-user.js';
import { getStaffUser, type StaffRow } from '../../../modules/staff/list-staff.js';
import { resendInvitation } from '../../../modules/staff/resend-invitation.js';
import { sendInvitation } from '../../../modules/staff/send-invitation.js';
import { sendPasswordResetByAdmin } from '../../../modules/staff/send-password-reset-by-admin.js';
import { STAFF_NAME_MAX } from '../../../modules/staff/staff-status.js';
import { updateStaffUser } from '../../../modules/staff/update-staff-user.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField, layout, notice } from '../layout.js';
import { formField, queryField, sendPage, signedIn, type SignedIn } from '../request-state.js';
import { classOptions, describeProblem, fieldError, invalid, problemStatus, roleOptions, statusBadge, STAFF_PATH, type FieldProblem } from './staff-admin-view.js';

const DONE = ['invited', 'invitedNotEmailed', 'saved', 'unchanged', 'disabled', 'enabled', 'resent', 'resetSent'] as const;

interface DetailsValues {
  name: string;
  role: string;
  classId: string;
}

function displayName(user: StaffRow): string {
  return user.fullName ?? user.email;
}

function summary(s: SignedIn, user: StaffRow): SafeHtml {
  const { t, lang, school } = s;
  const at = (value: Date | null) => formatInstant(value, school.timezone, lang);
  return html`<dl class="facts">
  <div><dt>${t('staff-admin:edit.email')}</dt><dd>${user.email}</dd></div>
  <div><dt>${t('staff-admin:edit.status')}</dt><dd>${statusBadge(s, user.status)}</dd></div>
  <div><dt>${t('staff-admin:edit.lastLogin')}</dt><dd>${user.lastLoginAt ? at(user.lastLoginAt) : t('staff-admin:never')}</dd></div>
  ${user.status === 'invited' ? html`<div><dt>${t('staff-admin:edit.inviteUntil')}</dt><dd>${at(user.inviteExpiresAt)}</dd></div>` : ''}
</dl>`;
}

function detailsForm(s: SignedIn, user: StaffRow, classes: Awaited<ReturnType<typeof visibleClasses>>, values: DetailsValues, problem: FieldProblem | null): SafeHtml {
  const { t } = s;
  const f = 'details';
  const self = user.id === s.user.id;
  return html`<form method="post" action="${STAFF_PATH}/${user.id}" class="card" aria-labelledby="details-title">
  ${csrfField(s)}
  <h2 id="details-title">${t('staff-admin:edit.detailsTitle')}</h2>
  <label>${t('staff-admin:edit.name')}<input type="text" name="name" value="${values.name}" autocomplete="off" maxlength="${STAFF_NAME_MAX}"${invalid(f, problem, 'name')}>${fieldError(f, problem, 'name')}</label>
  ${self
    ? html`<p><strong>${t('staff-admin:edit.role')}:</strong> ${t(`staff:role.${user.role}`)}</p><p class="hint">${t('staff-admin:edit.selfRoleHint')}</p>`
    : html`<label>${t('staff-admin:edit.role')}<select name="role"${invalid(f, problem, 'role')}>${roleOptions(s, values.role)}</select>${fieldError(f, problem, 'role')}</label>`}
  ${self && user.role === 'admin'
    ? ''
    : html`<label>${t('staff-admin:edit.class')}<select name="class"${invalid(f, problem, 'class')}>${classOptions(s, classes, values.classId)}</select>${fieldError(f, problem, 'class')}</label>`}
  <button type="submit">${t('staff-admin:edit.save')}</button>
</form>`;
}

function actionForm(s: SignedIn, action: string, label: string, hint: string, kind = 'secondary'): SafeHtml {
  return html`<form method="post" action="${action}" class="action">${csrfField(s)}<p class="hint">${hint}</p><button type="submit" class="${kind}">${label}</button></form>`;
}

function actions(s: SignedIn, user: StaffRow): SafeHtml {
  const { t, lang, school } = s;
  const base = `${STAFF_PATH}/${user.id}`;
  const items: SafeHtml[] = [];
  if (user.status === 'invited' || user.status === 'invite_expired') items.push(actionForm(s, `${base}/resend-invitation`, t('staff-admin:edit.resend'), t('staff-admin:edit.resendHint')));
  if (user.status === 'active') items.push(actionForm(s, `${base}/password-reset`, t('staff-admin:edit.reset'), t('staff-admin:edit.resetHint')));
  const disabledAt = user.disabledAt;
  if (disabledAt) items.push(actionForm(s, `${base}/enable`, t('staff-admin:edit.enable'), t('staff-admin:edit.enableHint', { at: formatInstant(disabledAt, school.timezone, lang) }), ''));
  else if (user.id === s.user.id) items.push(html`<p class="hint">${t('staff-admin:edit.selfDisableHint')}</p>`);
  else items.push(html`<div class="action"><p class="hint">${t('staff-admin:edit.disableHint')}</p><a class="button danger" href="${base}/disable">${t('staff-admin:edit.disable')}</a></div>`);
  return html`<section class="card" aria-labelledby="actions-title"><h2 id="actions-title">${t('staff-admin:edit.actionsTitle')}</h2>${items}</section>`;
}

async function userPage(s: SignedIn, ctx: AppContext, user: StaffRow, options: { values?: DetailsValues; problem?: FieldProblem | null; message?: SafeHtml } = {}): Promise<SafeHtml> {
  const classes = await visibleClasses(ctx.db.prisma, s.user);
  const values = options.values ?? { name: user.fullName ?? '', role: user.role, classId: user.classId ?? '' };
  const problem = options.problem ?? null;
  const top = problem ? notice('error', problem.message) : options.message;
  const body = html`<p><a href="${STAFF_PATH}">${s.t('staff-admin:edit.back')}</a></p>
${top}
${summary(s, user)}
<div class="grid">
${detailsForm(s, user, classes, values, problem)}
${actions(s, user)}
</div>`;
  return layout(s, { title: displayName(user), path: `${STAFF_PATH}/${user.id}`, body });
}

function confirmPage(s: SignedIn, user: StaffRow): SafeHtml {
  const { t } = s;
  const base = `${STAFF_PATH}/${user.id}`;
  const body = html`<form method="post" action="${base}/disable" class="card narrow">
  ${csrfField(s)}
  <p>${t('staff-admin:confirm.text', { name: displayName(user), email: user.email })}</p>
  <div class="actions"><button type="submit" name="confirm" value="yes" class="danger">${t('staff-admin:confirm.submit')}</button><a class="button secondary" href="${base}">${t('staff-admin:confirm.cancel')}</a></div>
</form>`;
  return layout(s, { title: t('staff-admin:confirm.title'), path: `${base}/disable`, body });
}

function doneMessage(s: SignedIn, request: FastifyRequest, user: StaffRow): SafeHtml | undefined {
  const done = queryField(request, 'done');
  if (!(DONE as readonly string[]).includes(done)) return undefined;
  return notice(done === 'invitedNotEmailed' ? 'error' : 'ok', s.t(`staff-admin:done.${done}`, { email: user.email }));
}

export function registerStaffUserPage(app: FastifyInstance, ctx: AppContext, mailer: Mailer): void {
  const prisma = ctx.db.prisma;
  type Params = { id: string };

  async function load(request: FastifyRequest): Promise<{ s: SignedIn; user: StaffRow }> {
    const s = signedIn(request);
    assertAdmin(s.user);
    return { s, user: await getStaffUser(prisma, s.user.schoolId, (request.params as Params).id, new Date()) };
  }

  /** Runs an action; a refusal redraws the page with the reason, anything else is an error page. */
  async function act(request: FastifyRequest, reply: FastifyReply, run: (s: SignedIn, user: StaffRow) => Promise<string>, values?: DetailsValues): Promise<FastifyReply> {
    const { s, user } = await load(request);
    try {
      const done = await run(s, user);
      return reply.redirect(`${STAFF_PATH}/${user.id}?done=${done}`, 303);
    } catch (error) {
      const problem = describeProblem(s, error);
      if (!problem) throw error;
      const fresh = await getStaffUser(prisma, s.user.schoolId, user.id, new Date());
      return sendPage(reply, await userPage(s, ctx, fresh, { values, problem }), problemStatus(error));
    }
  }

  const actor = (s: SignedIn) => ({ type: 'admin' as const, id: s.user.id });

  app.get(`${STAFF_PATH}/:id`, async (request, reply) => {
    const { s, user } = await load(request);
    return sendPage(reply, await userPage(s, ctx, user, { message: doneMessage(s, request, user) }));
  });

  app.post(`${STAFF_PATH}/:id`, async (request, reply) => {
    const values: DetailsValues = { name: formField(request, 'name'), role: formField(request, 'role'), classId: formField(request, 'class') };
    // The own role is not on the form (absent: unchanged); an unknown value is refused, not guessed.
    if (values.role !== '' && values.role !== 'admin' && values.role !== 'teacher') {
      const { s, user } = await load(request);
      return sendPage(reply, await userPage(s, ctx, user, { values, problem: { field: 'role', message: s.t('staff-admin:error.role') } }), 422);
    }
    return act(
      request,
      reply,
      async (s, user) => {
        const role = values.role === 'admin' || values.role === 'teacher' ? values.role : user.role;
        const changed = await updateStaffUser(
          prisma,
          { schoolId: s.user.schoolId, target: { id: user.id }, actor: actor(s), role, fullName: values.name, class: role === 'teacher' && values.classId ? { classId: values.classId } : undefined },
          new Date(),
        );
        return changed.changed ? 'saved' : 'unchanged';
      },
      values,
    );
  });

  app.get(`${STAFF_PATH}/:id/disable`, async (request, reply) => {
    const { s, user } = await load(request);
    // Nothing to confirm for an account already off, or for one's own (which cannot be disabled).
    if (user.status === 'disabled' || user.id === s.user.id) return reply.redirect(`${STAFF_PATH}/${user.id}`, 303);
    return sendPage(reply, confirmPage(s, user));
  });

  app.post(`${STAFF_PATH}/:id/disable`, async (request, reply) => {
    // Without the confirmation button's value, the form asks first.
    if (formField(request, 'confirm') !== 'yes') {
      const { s, user } = await load(request);
      return sendPage(reply, confirmPage(s, user));
    }
    return act(request, reply, async (s, user) => {
      await disableStaffUser(prisma, { schoolId: s.user.schoolId, target: { id: user.id }, actor: actor(s) }, new Date());
      return 'disabled';
    });
  });

  app.post(`${STAFF_PATH}/:id/enable`, async (request, reply) =>
    act(request, reply, async (s, user) => {
      await enableStaffUser(prisma, { schoolId: s.user.schoolId, target: { id: user.id }, actor: actor(s) }, new Date());
      return 'enabled';
    }),
  );

  app.post(`${STAFF_PATH}/:id/resend-invitation`, async (request, reply) =>
    act(request, reply, async (s, user) => {
      const invite = await resendInvitation(prisma, ctx.secret, ctx.config.publicUrl, { schoolId: s.user.schoolId, target: { id: user.id }, actor: actor(s) }, new Date());
      const school = await prisma.school.findUniqueOrThrow({ where: { id: s.user.schoolId }, select: { name: true, defaultLocale: true, timezone: true } });
      try {
        await sendInvitation(mailer, invite, school.name, pickLang(user.locale ?? school.defaultLocale), school.timezone);
      } catch (error) {
        request.log.warn({ err: error }, 'the invitation email could not be sent');
        return 'invitedNotEmailed';
      }
      return 'resent';
    }),
  );

  app.post(`${STAFF_PATH}/:id/password-reset`, async (request, reply) =>
    act(request, reply, async (s, user) => {
      await sendPasswordResetByAdmin(prisma, mailer, ctx.secret, ctx.config.publicUrl, { schoolId: s.user.schoolId, target: { id: user.id }, actor: actor(s) }, new Date());
      return 'resetSent';
    }),
  );
}
