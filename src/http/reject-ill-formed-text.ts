// One boundary for every route: text PostgreSQL cannot store (NUL, other control
// characters, lone UTF-16 surrogates, which JSON.parse happily makes of "\ud800") is
// refused before any handler sees it, with the field it is in. Machines get JSON;
// people posting a form (or a filter in the address bar) get a page in their language.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isLang, pickLang, translator } from '../i18n/index.js';
import { requestLanguage } from '../i18n/request-language.js';
import { describeIllFormed, findIllFormedText, type IllFormedText } from '../lib/well-formed-text.js';
import { parseCookies } from './staff/cookies.js';
import { html } from './staff/html.js';
import { layout, notice } from './staff/layout.js';
import { LANG_COOKIE, sendPage, type StaffState } from './staff/request-state.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route checks text itself (the Telegram webhook answers the parent in the chat). */
    checksTextItself?: boolean;
  }
}

// In JSON text, NUL, control characters and lone surrogates can only arrive as \u escapes
// (raw ones are not valid JSON, and invalid UTF-8 decodes to U+FFFD). A body without
// such an escape needs no walk: a rejected 10 MB batch of a million rows costs one scan.
const SUSPECT_ESCAPE = /\\u(?:00[01][0-9a-fA-F]|[dD][89a-fA-F][0-9a-fA-F]{2})/;
const escapeFreeJson = new WeakSet<FastifyRequest>();

/**
 * Fastify's own JSON parser (prototype-poisoning checks included) that also notes whether
 * the text can hold ill-formed strings. `precheck` may refuse the raw text before it is
 * parsed at all (the API counts a batch's rows that way).
 */
export function installJsonParser(app: FastifyInstance, precheck?: (text: string) => Error | undefined): void {
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  if (app.hasContentTypeParser('application/json')) app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    const refused = precheck?.(text);
    if (refused) return done(refused, undefined);
    if (!SUSPECT_ESCAPE.test(text)) escapeFreeJson.add(request);
    parseJson(request, text, done);
  });
}

/** The JSON parser and the hook, for every route. */
export function installTextBoundary(app: FastifyInstance): void {
  installJsonParser(app);
  app.addHook('preValidation', rejectIllFormedText);
}

/** Also run by routes that read their body themselves (multipart forms), once they have it. */
export async function rejectIllFormedText(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (request.routeOptions.config?.checksTextItself) return undefined;
  const body = escapeFreeJson.has(request) ? undefined : findIllFormedText(request.body);
  const found = body ?? findIllFormedText(request.query) ?? findIllFormedText(request.params);
  if (!found) return undefined;
  return wantsPage(request) ? sendIllFormedPage(request, reply, found) : sendIllFormedJson(request, reply, found);
}

/** `reason` stays English for programs; `message` is in the language of Accept-Language, if any. */
function sendIllFormedJson(request: FastifyRequest, reply: FastifyReply, found: IllFormedText): FastifyReply {
  const reason = describeIllFormed(found);
  const lang = requestLanguage(request.headers['accept-language']);
  let message = `${found.field || 'the request'} ${reason}; nothing was written`;
  if (lang) {
    const t = translator(lang);
    const what = t(`input:illFormed.what.${found.reason}`, { codePoint: found.codePoint });
    message = found.field ? t('input:illFormed.api', { field: found.field, what }) : t('input:illFormed.apiRequest', { what });
  }
  return reply.status(422).send({
    error: 'INVALID_INPUT',
    message,
    field: found.field,
    details: { field: found.field, reason, code: found.reason },
  });
}

function sendIllFormedPage(request: FastifyRequest, reply: FastifyReply, found: IllFormedText): FastifyReply {
  const cookies = parseCookies(request.headers.cookie);
  const lang = isLang(cookies[LANG_COOKIE]) ? cookies[LANG_COOKIE] : pickLang(request.headers['accept-language']?.split(',')[0]);
  const t = translator(lang);
  // Signed out on purpose: this answer comes before the session is looked up.
  const s: StaffState = { lang, t, cookies, csrfToken: '', user: null, school: null, secureCookies: false };
  const path = request.url.split('?')[0] ?? '/';
  const what = t(`input:illFormed.what.${found.reason}`, { codePoint: found.codePoint });
  const body = html`${notice('error', t('input:illFormed.field', { field: found.field, what }))}<p><a href="${path}">${t('input:illFormed.back')}</a></p>`;
  reply.header('Cache-Control', 'no-store');
  return sendPage(reply, layout(s, { title: t('input:illFormed.title'), path, body }), 422);
}

function wantsPage(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return false;
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) return true;
  return (request.headers.accept ?? '').includes('text/html');
}
