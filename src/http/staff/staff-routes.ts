// The staff web: server-rendered pages for class teachers and school admins under /staff.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/app-context.js';
import { createMailer, type Mailer } from '../../mail/create-mailer.js';
import { translator } from '../../i18n/index.js';
import { AppError, HTTP_STATUS_BY_CODE } from '../../lib/app-error.js';
import { html } from './html.js';
import { layout } from './layout.js';
import { registerAuthPages } from './pages/auth-pages.js';
import { registerAckPages } from './pages/ack-pages.js';
import { registerPaperPages } from './pages/paper-pages.js';
import { registerConsentPages } from './pages/consent-pages.js';
import { registerDeliveryPage } from './pages/delivery-page.js';
import { registerSummaryPage } from './pages/summary-page.js';
import { registerLessonsPage } from './pages/lessons-page.js';
import { registerAuditPage } from './pages/audit-page.js';
import { registerSchoolSettingsPage } from './pages/school-settings-page.js';
import { registerPasswordResetPages } from './pages/password-reset-pages.js';
import { parseForm } from './parse-form.js';
import { sendPage } from './request-state.js';
import { installStaffHooks } from './staff-hooks.js';

const CSS = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'staff.css'), 'utf8');

export interface StaffRoutesOptions {
  /** Sends the password-reset emails; by default the service's own mailer (SMTP or .eml files). */
  mailer?: Mailer;
}

export function createStaffRoutes(options: StaffRoutesOptions = {}): (app: FastifyInstance, ctx: AppContext) => Promise<void> {
  return async (app, ctx) => {
    const mailer = options.mailer ?? createMailer(ctx.config);
    if (!options.mailer) app.addHook('onClose', async () => mailer.close());
    await registerStaffRoutes(app, ctx, mailer);
  };
}

export const staffRoutes = createStaffRoutes();

async function registerStaffRoutes(app: FastifyInstance, ctx: AppContext, mailer: Mailer): Promise<void> {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 256 * 1024 }, (_request, body, done) => {
    done(null, parseForm(body as string));
  });
  installStaffHooks(app, ctx);

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const s = request.staff;
    const appError = error instanceof AppError ? error : null;
    if (appError?.code === 'UNAUTHORIZED' && request.method === 'GET') {
      return reply.redirect(`/staff/login?next=${encodeURIComponent(request.url)}`, 303);
    }
    const status = appError ? HTTP_STATUS_BY_CODE[appError.code] : (error.statusCode ?? 500);
    if (status >= 500) request.log.error({ err: error, url: request.url }, 'staff page failed');
    const t = s?.t ?? translator();
    const code = appError?.code ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
    const csrf = (appError?.details as { csrf?: boolean } | undefined)?.csrf === true;
    const message = csrf ? t('staff:errors.csrf') : t(`staff:errors.${code}`);
    const body = html`<p class="notice error" role="alert">${message}</p><p><a href="/staff">${t('staff:errors.home')}</a></p>`;
    if (!s) return reply.status(status).type('text/plain; charset=utf-8').send(message);
    return sendPage(reply, layout(s, { title: t('staff:errors.title'), path: '/staff', body }), status);
  });

  app.get('/staff/assets/staff.css', { config: { staffPublic: true } }, async (_request, reply) =>
    reply.header('Cache-Control', 'public, max-age=3600').type('text/css; charset=utf-8').send(CSS),
  );
  // Someone opening the service's address in a browser is staff: send them to their pages.
  app.get('/', { config: { staffPublic: true } }, async (_request, reply) => reply.redirect('/staff', 302));
  app.get('/staff', async (request, reply) => {
    const user = request.staff?.user;
    if (user?.role === 'teacher' && user.classId) return reply.redirect(`/staff/classes/${user.classId}/acks`, 303);
    if (user?.role === 'admin') return reply.redirect('/staff/admin/consent-codes', 303);
    throw new AppError('FORBIDDEN', 'this account has no class');
  });

  registerAuthPages(app, ctx);
  registerPasswordResetPages(app, ctx, mailer);
  registerAckPages(app, ctx);
  registerPaperPages(app, ctx);
  registerConsentPages(app, ctx);
  registerDeliveryPage(app, ctx);
  registerSummaryPage(app, ctx);
  registerLessonsPage(app, ctx);
  registerAuditPage(app, ctx);
  registerSchoolSettingsPage(app, ctx);
}
