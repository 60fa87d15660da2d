// Staff management for school admins: the list with the invitation form, and each account.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../app/app-context.js';
import type { Mailer } from '../../../mail/create-mailer.js';
import { registerStaffListPage } from './staff-admin-list-page.js';
import { registerStaffUserPage } from './staff-admin-user-page.js';

export function registerStaffAdminPages(app: FastifyInstance, ctx: AppContext, mailer: Mailer): void {
  registerStaffListPage(app, ctx, mailer);
  registerStaffUserPage(app, ctx, mailer);
}
