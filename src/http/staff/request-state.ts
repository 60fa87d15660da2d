import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Lang, Translate } from '../../i18n/index.js';
import { AppError } from '../../lib/app-error.js';
import type { StaffPrincipal } from '../../modules/staff/staff-principal.js';
import type { SafeHtml } from './html.js';

export interface StaffSchool {
  id: string;
  name: string;
  timezone: string;
}

/** What the staff hooks learn about a request before a page handler runs. */
export interface StaffState {
  lang: Lang;
  t: Translate;
  cookies: Record<string, string>;
  /** The token forms must echo: the session's, or before login the double-submit cookie's. */
  csrfToken: string;
  user: StaffPrincipal | null;
  school: StaffSchool | null;
  secureCookies: boolean;
}

export interface SignedIn extends StaffState {
  user: StaffPrincipal;
  school: StaffSchool;
}

declare module 'fastify' {
  interface FastifyRequest {
    staff: StaffState | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, invitation, stylesheet). */
    staffPublic?: boolean;
  }
}

export const SESSION_COOKIE = 'vestnik_staff';
export const CSRF_COOKIE = 'vestnik_csrf';
export const LANG_COOKIE = 'vestnik_lang';

export function state(request: FastifyRequest): StaffState {
  if (!request.staff) throw new Error('staff hooks did not run for this route');
  return request.staff;
}

export function signedIn(request: FastifyRequest): SignedIn {
  const s = state(request);
  if (!s.user || !s.school) throw new AppError('UNAUTHORIZED', 'sign in first');
  return s as SignedIn;
}

export type FormBody = Record<string, string | string[]>;

export function formField(request: FastifyRequest, name: string): string {
  const body = (request.body ?? {}) as FormBody;
  const value = body[name];
  return (Array.isArray(value) ? value[0] : value)?.toString() ?? '';
}

export function formFields(request: FastifyRequest, name: string): string[] {
  const value = ((request.body ?? {}) as FormBody)[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function queryField(request: FastifyRequest, name: string): string {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

export function sendPage(reply: FastifyReply, page: SafeHtml, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(page.value);
}

/** A download; the name is given twice so old browsers get ASCII and new ones UTF-8. `inline` opens it in the browser's viewer. */
export function sendDownload(reply: FastifyReply, file: { filename: string; contentType: string; body: Buffer | string; inline?: boolean }): FastifyReply {
  const ascii = file.filename.replace(/[^A-Za-z0-9._-]+/g, '_');
  return reply
    .header('Content-Disposition', `${file.inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .type(file.contentType)
    .send(file.body);
}
