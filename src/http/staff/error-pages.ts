// Every failure under /staff answers with a page in the reader's language, in the staff
// layout, with a way on: the start page when signed in, the sign-in form when not. Other
// URLs keep their own handling (the API answers JSON, the family pages have their own).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isLang, pickLang, translator } from '../../i18n/index.js';
import { requestLanguage } from '../../i18n/request-language.js';
import { AppError, HTTP_STATUS_BY_CODE } from '../../lib/app-error.js';
import { html } from './html.js';
import { layout } from './layout.js';
import { LANG_COOKIE, sendPage, type StaffState } from './request-state.js';

/** What the page says: one of the AppError codes, or the few failures that have none. */
type ErrorKind = keyof typeof HTTP_STATUS_BY_CODE | 'BAD_REQUEST' | 'INTERNAL' | 'CSRF';

function kindOf(error: FastifyError | AppError, status: number): ErrorKind {
  if (error instanceof AppError) return (error.details as { csrf?: boolean } | undefined)?.csrf === true ? 'CSRF' : error.code;
  if (status >= 500) return 'INTERNAL';
  const byStatus = Object.entries(HTTP_STATUS_BY_CODE).find(([, code]) => code === status)?.[0] as ErrorKind | undefined;
  return byStatus ?? 'BAD_REQUEST';
}

/**
 * The state of a request that failed before the staff hooks ran (a body too large is
 * refused while it is read): signed out, in the language of ?lang=, the language cookie
 * or the browser, as the hooks would choose it.
 */
function signedOutState(request: FastifyRequest): StaffState {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  const cookie = request.cookies?.[LANG_COOKIE];
  const lang = isLang(asked) ? asked : isLang(cookie) ? cookie : pickLang(requestLanguage(request.headers['accept-language']));
  return { lang, t: translator(lang), cookies: {}, csrfToken: '', user: null, school: null, secureCookies: false };
}

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? '/staff';
}

/** The styled error page itself; `status` is the HTTP status it is sent with. */
export function sendErrorPage(request: FastifyRequest, reply: FastifyReply, status: number, kind: ErrorKind): FastifyReply {
  const s = request.staff ?? signedOutState(request);
  const { t } = s;
  // Signed out, the way on is the sign-in form (back to this page when it can be opened
  // again); signed in, or not known yet because the request failed before the session was
  // looked up, it is the start page, which sends a signed-out visitor to the form anyway.
  const signedOut = request.staff !== null && !(s.user && s.school);
  const next = request.method === 'GET' && kind !== 'NOT_FOUND' ? request.url : '/staff';
  const way = signedOut
    ? html`<a class="button" href="/staff/login?next=${encodeURIComponent(next)}">${t('staff:errors.signIn')}</a>`
    : html`<a class="button" href="/staff">${t('staff:errors.home')}</a>`;
  const retry = kind === 'CSRF' || kind === 'RATE_LIMITED' || kind === 'INTERNAL' || kind === 'UNAVAILABLE';
  const body = html`<section class="card error-page" aria-labelledby="error-title">
<p class="error-status">${status}</p>
<h1 id="error-title">${t(`staff:errors.heading.${kind}`)}</h1>
<p class="error-message">${t(`staff:errors.${kind === 'CSRF' ? 'csrf' : kind}`)}</p>
${retry ? html`<p class="hint">${t('staff:errors.retry')}</p>` : ''}
<p class="actions">${way}</p>
</section>`;
  const title = t(`staff:errors.heading.${kind}`);
  reply.header('Cache-Control', 'no-store');
  return sendPage(reply, layout(s, { title, path: pathOf(request), body, ownHeading: true }), status);
}

/** The error handler and the not-found page of the staff routes. */
export function installStaffErrorPages(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const appError = error instanceof AppError ? error : null;
    // An unknown address reaches the not-found route signed out too: it is still "not found".
    if (appError?.code === 'UNAUTHORIZED' && request.is404) return sendErrorPage(request, reply, 404, 'NOT_FOUND');
    if (appError?.code === 'UNAUTHORIZED' && request.method === 'GET') {
      return reply.redirect(`/staff/login?next=${encodeURIComponent(request.url)}`, 303);
    }
    const raw = appError ? HTTP_STATUS_BY_CODE[appError.code] : ((error as FastifyError).statusCode ?? 500);
    const status = raw >= 400 && raw < 600 ? raw : 500;
    if (status >= 500) request.log.error({ err: error, url: request.url }, 'staff page failed');
    return sendErrorPage(request, reply, status, kindOf(error, status));
  });
  // Not-found handlers are set per prefix: this one answers for /staff and below only.
  void app.register(
    async (scope) => {
      scope.setNotFoundHandler(async (request, reply) => sendErrorPage(request, reply, 404, 'NOT_FOUND'));
    },
    { prefix: '/staff' },
  );
}
