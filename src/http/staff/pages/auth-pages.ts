import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../app/app-context.js';
import { AppError } from '../../../lib/app-error.js';
import { findInvite, setPasswordFromInvite } from '../../../modules/staff/set-password-from-invite.js';
import { createSession, endSession, SESSION_LIFETIME_HOURS } from '../../../modules/staff/sessions.js';
import { verifyLogin } from '../../../modules/staff/verify-login.js';
import { newPasswordForm, weakPasswordText } from './password-form.js';
import { staffCookie } from '../cookies.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField, layout, notice } from '../layout.js';
import { formField, queryField, sendPage, SESSION_COOKIE, state, type StaffState } from '../request-state.js';

/** Only our own pages are valid targets after login: never an open redirect. */
function safeNext(value: string): string {
  return /^\/staff(\/[A-Za-z0-9/_?=&%.-]*)?$/.test(value) && !value.startsWith('//') ? value : '/staff';
}

function loginPage(s: StaffState, next: string, message?: SafeHtml, email = ''): SafeHtml {
  const { t } = s;
  return layout(s, {
    title: t('staff:login.title'),
    path: '/staff/login',
    body: html`${message}
<form method="post" action="/staff/login" class="card narrow">
  ${csrfField(s)}<input type="hidden" name="next" value="${next}">
  <label>${t('staff:login.email')}<input type="email" name="email" autocomplete="username" required value="${email}"></label>
  <label>${t('staff:login.password')}<input type="password" name="password" autocomplete="current-password" required></label>
  <button type="submit">${t('staff:login.submit')}</button>
</form>
<p><a href="/staff/password/forgot">${t('staff:login.forgot')}</a></p>`,
  });
}

function invitePage(s: StaffState, token: string, email: string, message?: SafeHtml): SafeHtml {
  const { t } = s;
  return layout(s, {
    title: t('staff:invite.title'),
    path: `/staff/invite/${token}`,
    body: html`${message}<p>${t('staff:invite.intro', { email })}</p>
${newPasswordForm(s, `/staff/invite/${token}`, t('staff:invite.submit'))}`,
  });
}

function clientIp(request: FastifyRequest): string {
  return request.ip || request.socket.remoteAddress || 'unknown';
}

export function registerAuthPages(app: FastifyInstance, ctx: AppContext): void {
  const prisma = ctx.db.prisma;
  const publicRoute = { config: { staffPublic: true } };

  app.get('/staff/login', publicRoute, async (request, reply) => {
    const s = state(request);
    if (s.user) return reply.redirect('/staff', 303);
    // After a password reset (the reset page redirects here so a reload does not post again).
    const message = queryField(request, 'reset') === '1' ? notice('ok', s.t('staff:reset.done')) : undefined;
    return sendPage(reply, loginPage(s, safeNext(queryField(request, 'next')), message));
  });

  app.post('/staff/login', publicRoute, async (request, reply) => {
    const s = state(request);
    const email = formField(request, 'email');
    const next = safeNext(formField(request, 'next'));
    try {
      const user = await verifyLogin(prisma, { email, password: formField(request, 'password'), ip: clientIp(request) });
      const session = await createSession(prisma, ctx.secret, user.id);
      reply.setCookie(SESSION_COOKIE, session.token, staffCookie(s.secureCookies, SESSION_LIFETIME_HOURS * 3600));
      return reply.redirect(next, 303);
    } catch (error) {
      if (AppError.is(error, 'RATE_LIMITED')) {
        const seconds = (error.details as { retryAfterSeconds: number }).retryAfterSeconds;
        reply.header('Retry-After', String(seconds));
        return sendPage(reply, loginPage(s, next, notice('error', s.t('staff:login.rateLimited', { minutes: Math.ceil(seconds / 60) })), email), 429);
      }
      if (AppError.is(error, 'UNAUTHORIZED')) return sendPage(reply, loginPage(s, next, notice('error', s.t('staff:login.failed')), email), 401);
      throw error;
    }
  });

  app.post('/staff/logout', async (request, reply) => {
    const s = state(request);
    await endSession(prisma, ctx.secret, s.cookies[SESSION_COOKIE]);
    reply.setCookie(SESSION_COOKIE, '', staffCookie(s.secureCookies, 0));
    return reply.redirect('/staff/login', 303);
  });

  app.get<{ Params: { token: string } }>('/staff/invite/:token', publicRoute, async (request, reply) => {
    const s = state(request);
    const invite = await findInvite(prisma, ctx.secret, request.params.token);
    if (!invite) throw new AppError('NOT_FOUND', 'invitation not found');
    return sendPage(reply, invitePage(s, request.params.token, invite.email));
  });

  app.post<{ Params: { token: string } }>('/staff/invite/:token', publicRoute, async (request, reply) => {
    const s = state(request);
    const { token } = request.params;
    const invite = await findInvite(prisma, ctx.secret, token);
    if (!invite) throw new AppError('NOT_FOUND', 'invitation not found');
    const password = formField(request, 'password');
    if (password !== formField(request, 'repeat')) {
      return sendPage(reply, invitePage(s, token, invite.email, notice('error', s.t('staff:invite.mismatch'))), 422);
    }
    try {
      await setPasswordFromInvite(prisma, ctx.secret, token, password);
    } catch (error) {
      const weak = weakPasswordText(s, error);
      if (weak) return sendPage(reply, invitePage(s, token, invite.email, notice('error', weak)), 422);
      throw error;
    }
    return sendPage(reply, loginPage(s, '/staff', notice('ok', s.t('staff:invite.done')), invite.email));
  });
}
