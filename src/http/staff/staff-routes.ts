// The staff web: server-rendered pages for class teachers and school admins under /staff.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/app-context.js';
import { createMailer, type Mailer } from '../../mail/create-mailer.js';
import { AppError } from '../../lib/app-error.js';
import { installStaffErrorPages } from './error-pages.js';
import { registerAuthPages } from './pages/auth-pages.js';
import { registerAckPages } from './pages/ack-pages.js';
import { registerPaperPages } from './pages/paper-pages.js';
import { registerConsentPages } from './pages/consent-pages.js';
import { registerDeliveryPage } from './pages/delivery-page.js';
import { registerSummaryPage } from './pages/summary-page.js';
import { registerLessonsPage } from './pages/lessons-page.js';
import { registerAuditPage } from './pages/audit-page.js';
import { registerSchoolSettingsPage } from './pages/school-settings-page.js';
import { registerSchoolBotsPage } from './pages/school-bots-page.js';
import { registerPasswordResetPages } from './pages/password-reset-pages.js';
import { registerOverviewAdminPage } from './pages/overview-admin-page.js';
import { registerOverviewClassPage } from './pages/overview-class-page.js';
import { registerStaffAdminPages } from './pages/staff-admin-pages.js';
import { registerAnnouncementPages } from './pages/announcement-pages.js';
import { parseForm } from './parse-form.js';
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

  installStaffErrorPages(app);

  app.get('/staff/assets/staff.css', { config: { staffPublic: true } }, async (_request, reply) =>
    reply.header('Cache-Control', 'public, max-age=3600').type('text/css; charset=utf-8').send(CSS),
  );
  // Someone opening the service's address in a browser is staff: send them to their pages.
  app.get('/', { config: { staffPublic: true } }, async (_request, reply) => reply.redirect('/staff', 302));
  app.get('/staff', async (request, reply) => {
    const user = request.staff?.user;
    if (user?.role === 'teacher' && user.classId) return reply.redirect(`/staff/classes/${user.classId}`, 303);
    if (user?.role === 'admin') return reply.redirect('/staff/admin', 303);
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
  registerSchoolBotsPage(app, ctx);
  registerOverviewAdminPage(app, ctx);
  registerOverviewClassPage(app, ctx);
  registerStaffAdminPages(app, ctx, mailer);
  registerAnnouncementPages(app, ctx, { now: () => new Date() });
}
