// "Forgot password": ask for the email (the answer never tells whether it is known), then a
// single-use link that expires in an hour opens a form for a new, strength-checked password.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../app/app-context.js';
import { AppError } from '../../../lib/app-error.js';
import type { Mailer } from '../../../mail/create-mailer.js';
import { requestPasswordReset } from '../../../modules/staff/request-password-reset.js';
import { findPasswordReset, resetPassword } from '../../../modules/staff/reset-password.js';
import { sendPasswordReset } from '../../../modules/staff/send-password-reset.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField, layout, notice } from '../layout.js';
import { formField, queryField, sendPage, state, type StaffState } from '../request-state.js';
import { newPasswordForm, weakPasswordText } from './password-form.js';

const FORGOT = '/staff/password/forgot';
const publicRoute = { config: { staffPublic: true } };
const RESET = '/staff/password/reset';

function forgotPage(s: StaffState, message?: SafeHtml): SafeHtml {
  const { t } = s;
  return layout(s, {
    title: t('staff:forgot.title'),
    path: FORGOT,
    body: html`${message}<p>${t('staff:forgot.intro')}</p>
<form method="post" action="${FORGOT}" class="card narrow">
  ${csrfField(s)}
  <label>${t('staff:login.email')}<input type="email" name="email" autocomplete="username" required></label>
  <button type="submit">${t('staff:forgot.submit')}</button>
</form>`,
  });
}

function resetPage(s: StaffState, token: string, email: string, message?: SafeHtml): SafeHtml {
  // The token is longer than a path segment may be, so it travels in the query.
  const path = `${RESET}?token=${encodeURIComponent(token)}`;
  return layout(s, { title: s.t('staff:reset.title'), path: RESET, query: { token }, body: html`${message}<p>${s.t('staff:reset.intro', { email })}</p>${newPasswordForm(s, path, s.t('staff:reset.submit'))}` });
}

function gonePage(s: StaffState): SafeHtml {
  return layout(s, { title: s.t('staff:reset.title'), path: FORGOT, body: html`${notice('error', s.t('staff:reset.gone'))}<p><a href="${FORGOT}">${s.t('staff:reset.again')}</a></p>` });
}

export function registerPasswordResetPages(app: FastifyInstance, ctx: AppContext, mailer: Mailer): void {
  const prisma = ctx.db.prisma;

  app.get(FORGOT, publicRoute, async (request, reply) => sendPage(reply, forgotPage(state(request))));

  app.post(FORGOT, publicRoute, async (request, reply) => {
    const s = state(request);
    const mail = await requestPasswordReset(prisma, ctx.secret, ctx.config.publicUrl, formField(request, 'email'));
    // Not awaited: how long sending takes must not tell whether the address has an account.
    if (mail) sendPasswordReset(mailer, mail).catch((error: unknown) => request.log.error({ err: error }, 'password reset email failed'));
    return sendPage(reply, forgotPage(s, notice('ok', s.t('staff:forgot.sent'))));
  });

  app.get(RESET, publicRoute, async (request, reply) => {
    const s = state(request);
    const token = queryField(request, 'token');
    const reset = await findPasswordReset(prisma, ctx.secret, token);
    if (!reset) return sendPage(reply, gonePage(s), 410);
    return sendPage(reply, resetPage(s, token, reset.email));
  });

  app.post(RESET, publicRoute, async (request, reply) => {
    const s = state(request);
    const token = queryField(request, 'token');
    const reset = await findPasswordReset(prisma, ctx.secret, token);
    if (!reset) return sendPage(reply, gonePage(s), 410);
    const password = formField(request, 'password');
    if (password !== formField(request, 'repeat')) return sendPage(reply, resetPage(s, token, reset.email, notice('error', s.t('staff:invite.mismatch'))), 422);
    try {
      await resetPassword(prisma, ctx.secret, token, password);
    } catch (error) {
      const weak = weakPasswordText(s, error);
      if (weak) return sendPage(reply, resetPage(s, token, reset.email, notice('error', weak)), 422);
      if (AppError.is(error, 'NOT_FOUND')) return sendPage(reply, gonePage(s), 410);
      throw error;
    }
    return reply.redirect('/staff/login?reset=1', 303);
  });
}
