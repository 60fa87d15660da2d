import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/app-context.js';
import { pickLang, isLang, translator, type Lang } from '../../i18n/index.js';
import { AppError } from '../../lib/app-error.js';
import { randomToken, safeEqual } from '../../lib/keyed-hash.js';
import { lookupSession } from '../../modules/staff/sessions.js';
import { staffCookie } from './cookies.js';
import { CSRF_COOKIE, LANG_COOKIE, SESSION_COOKIE, type StaffState } from './request-state.js';

function acceptLanguage(header: string | undefined): string | undefined {
  return header?.split(',').map((part) => part.split(';')[0]?.trim()).find((tag) => tag && isLang(tag.toLowerCase().split('-')[0]));
}

/** ?lang= (remembered in a cookie), then the cookie, then the account's setting, then the browser's. */
function chooseLang(request: FastifyRequest, cookies: Record<string, string>, userLocale: Lang | null, reply: FastifyReply, secure: boolean): Lang {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLang(asked)) {
    reply.setCookie(LANG_COOKIE, asked, staffCookie(secure, 365 * 86400));
    return asked;
  }
  if (isLang(cookies[LANG_COOKIE])) return cookies[LANG_COOKIE];
  return pickLang(userLocale, acceptLanguage(request.headers['accept-language']));
}

/** Loads the session, language and CSRF token; refuses forged POSTs before any handler runs. */
export function installStaffHooks(app: FastifyInstance, ctx: AppContext): void {
  const secure = ctx.config.publicUrl.startsWith('https:');
  app.decorateRequest('staff', null);

  app.addHook('preHandler', async (request, reply) => {
    const cookies = Object.fromEntries(Object.entries(request.cookies).filter((e): e is [string, string] => e[1] !== undefined));
    const session = await lookupSession(ctx.db.prisma, ctx.secret, cookies[SESSION_COOKIE]);
    if (!session && cookies[SESSION_COOKIE]) {
      reply.setCookie(SESSION_COOKIE, '', staffCookie(secure, 0));
    }
    const school = session
      ? await ctx.db.prisma.school.findUnique({ where: { id: session.user.schoolId }, select: { id: true, name: true, timezone: true } })
      : null;
    // Before login, forms use a double-submit token: a random cookie echoed in a hidden field.
    let csrfToken = session?.csrfToken ?? cookies[CSRF_COOKIE];
    if (!csrfToken) {
      csrfToken = randomToken(24);
      reply.setCookie(CSRF_COOKIE, csrfToken, staffCookie(secure, 86400));
    }
    const lang = chooseLang(request, cookies, session?.user.locale ?? null, reply, secure);
    const s: StaffState = { lang, t: translator(lang), cookies, csrfToken, user: session?.user ?? null, school, secureCookies: secure };
    request.staff = s;

    // The other security headers come from helmet, for every route (security-headers.ts).
    reply.header('Cache-Control', 'no-store');

    const isPublic = request.routeOptions.config?.staffPublic === true;
    if (request.method === 'POST') {
      const sent = ((request.body ?? {}) as Record<string, unknown>)._csrf;
      const expected = session ? session.csrfToken : cookies[CSRF_COOKIE];
      if (typeof sent !== 'string' || !expected || !safeEqual(sent, expected)) {
        throw new AppError('FORBIDDEN', 'the form has expired or did not come from this site', { csrf: true });
      }
    }
    if (!isPublic && !session) throw new AppError('UNAUTHORIZED', 'sign in first');
  });
}
