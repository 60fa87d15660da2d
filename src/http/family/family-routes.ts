// The family's own page (/me): signing in from an emailed or bot link, and every view the
// bots have, drawn by the same conversation (the web is one more renderer of its screens).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/app-context.js';
import type { Conversation } from '../../conversation/create-conversation.js';
import type { Inbound } from '../../conversation/types.js';
import { isLang, pickLang, translator } from '../../i18n/index.js';
import { randomToken, safeEqual } from '../../lib/keyed-hash.js';
import { createMailer, type Mailer } from '../../mail/create-mailer.js';
import { endFamilySession, endGuardianSessions, FAMILY_SESSION_DAYS, lookupFamilySession, type FamilySession } from '../../modules/family-web/family-sessions.js';
import { openSignInLink } from '../../modules/family-web/open-sign-in-link.js';
import { requestSignIn } from '../../modules/family-web/request-sign-in.js';
import { signInStudent } from '../../modules/family-web/sign-in-student.js';
import { COMMANDS } from '../../conversation/menu.js';
import { html } from '../staff/html.js';
import { parseForm } from '../staff/parse-form.js';
import { familyPage, type FamilyPageState } from './family-page.js';
import { pushControls } from './push-controls.js';
import { familyPushRoutes, pushPageHelmet } from './push-routes.js';
import { renderScreen, isNavigation } from './render-screen.js';
import { sendSignInMail } from './send-sign-in-mail.js';
import { createWebOutbound } from './web-outbound.js';

const CSS = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'family.css'), 'utf8');
const SESSION_COOKIE = 'vestnik_family';
const CSRF_COOKIE = 'vestnik_family_csrf';
/** Commands a page may open by address (/me/c/<command>); /stop asks for confirmation first. */
const PAGE_COMMANDS = new Set<string>([...COMMANDS, 'menu', 'stop']);

interface FamilyState extends FamilyPageState {
  session: FamilySession | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    family: FamilyState;
  }
}

export interface FamilyRoutesOptions {
  mailer?: Mailer;
  now?: () => Date;
}

export function createFamilyRoutes(options: FamilyRoutesOptions = {}) {
  return async (app: FastifyInstance, ctx: AppContext): Promise<void> => {
    const mailer = options.mailer ?? createMailer(ctx.config);
    if (!options.mailer) app.addHook('onClose', async () => mailer.close());
    const now = options.now ?? (() => new Date());
    const secure = ctx.config.publicUrl.startsWith('https:');
    const cookie = (maxAgeSeconds: number) => ({ path: '/me', sameSite: 'lax' as const, httpOnly: true, secure, maxAge: maxAgeSeconds });
    // Loaded at the first page a family opens: an idle service keeps its memory for work.
    let loaded: Promise<Conversation> | undefined;
    const conversation = () =>
      (loaded ??= import('../../conversation/create-conversation.js').then(({ createConversation }) =>
        createConversation({ config: ctx.config, prisma: ctx.db.prisma, reads: ctx.db.reads, logger: ctx.logger.child({ component: 'family-web' }), secret: ctx.secret, now }),
      ));

    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => done(null, parseForm(body as string)));
    app.decorateRequest('family', null as unknown as FamilyState);
    app.addHook('preHandler', async (request, reply) => {
      const session = await lookupFamilySession(ctx.db.prisma, ctx.secret, request.cookies[SESSION_COOKIE], now());
      if (!session && request.cookies[SESSION_COOKIE]) reply.setCookie(SESSION_COOKIE, '', cookie(0));
      let csrfToken = session?.csrfToken ?? request.cookies[CSRF_COOKIE];
      if (!csrfToken) {
        csrfToken = randomToken(24);
        reply.setCookie(CSRF_COOKIE, csrfToken, cookie(86_400));
      }
      const guardian = session ? await ctx.db.prisma.guardian.findFirst({ where: { id: { in: session.guardianIds } }, select: { locale: true, school: { select: { defaultLocale: true } } } }) : null;
      const asked = (request.query as Record<string, unknown> | undefined)?.lang;
      const lang = isLang(asked) ? asked : pickLang(guardian?.locale, request.headers['accept-language']?.split(',')[0], guardian?.school.defaultLocale);
      request.family = { lang, t: translator(lang), csrfToken, session, signedIn: Boolean(session), student: Boolean(session?.studentId) };
      reply.header('Cache-Control', 'no-store');
      // JSON posts (web push) are checked by their own routes: JSON type and same-origin Origin.
      if (request.method === 'POST' && !request.headers['content-type']?.startsWith('application/json')) {
        const sent = ((request.body ?? {}) as Record<string, unknown>)._csrf;
        if (typeof sent !== 'string' || !safeEqual(sent, csrfToken)) return page(reply, request.family, html`<p class="notice alert" role="alert">${request.family.t('family:errors.csrf')}</p>`, 403);
      }
    });

    const page = (reply: FastifyReply, s: FamilyState, content: Parameters<typeof familyPage>[1], status = 200, notices: Parameters<typeof familyPage>[2] = []) =>
      reply.status(status).type('text/html; charset=utf-8').send(familyPage(s, content, notices).value);

    const signInForm = (s: FamilyState, message?: string) => html`${message ? html`<p class="notice" role="status">${message}</p>` : ''}
<section class="card">
  <h1>${s.t('family:signIn.title')}</h1>
  <p>${s.t('family:signIn.intro')}</p>
  <form method="post" action="/me/sign-in">
    <input type="hidden" name="_csrf" value="${s.csrfToken}">
    <label>${s.t('family:signIn.email')}<input type="email" name="email" autocomplete="email" required maxlength="254"></label>
    <button type="submit">${s.t('family:signIn.submit')}</button>
  </form>
  <p>${s.t('family:signIn.messenger')}</p>
</section>
<section class="card">
  <h2>${s.t('family:studentSignIn.title')}</h2>
  <p>${s.t('family:studentSignIn.intro')}</p>
  <form method="post" action="/me/student-sign-in">
    <input type="hidden" name="_csrf" value="${s.csrfToken}">
    <label>${s.t('family:studentSignIn.code')}<input type="text" name="code" autocomplete="off" required maxlength="40"></label>
    <button type="submit">${s.t('family:studentSignIn.submit')}</button>
  </form>
</section>`;

    /** One turn of the conversation for the signed-in family, drawn as a page. */
    async function turn(request: FastifyRequest, reply: FastifyReply, input: Inbound, extra?: ReturnType<typeof pushControls>) {
      const s = request.family;
      if (!s.session) return page(reply, s, signInForm(s), 401);
      const out = createWebOutbound();
      const chat = { channel: 'web' as const, chatId: s.session.id, isPrivate: true, guardianIds: s.session.guardianIds, studentSession: s.session.studentId !== null, languageCode: s.lang };
      const talk = await conversation();
      await talk.handle(chat, input, out);
      // A press that only changed something (an acknowledgment) leaves its notice over the home page.
      if (out.screens.length === 0) await talk.handle(chat, { kind: 'command', command: 'start', args: '' }, out);
      // The conversation may have changed the language (settings) or ended the consent (/stop).
      const after = await lookupFamilySession(ctx.db.prisma, ctx.secret, request.cookies[SESSION_COOKIE], now());
      const state = { ...s, session: after, signedIn: Boolean(after) };
      const content = [...out.screens.map((screen, i) => renderScreen(screen, s.csrfToken, i === 0 ? 1 : 2)), after ? extra : undefined];
      return page(reply, state, content, 200, out.notices);
    }

    app.get('/me/assets/family.css', async (_request, reply) => reply.header('Cache-Control', 'public, max-age=3600').type('text/css; charset=utf-8').send(CSS));
    // Pages load the push script: their CSP allows it, its worker and the manifest.
    const pageOptions = pushPageHelmet();
    // Web push is the parents' (a student's session plans no notifications).
    familyPushRoutes(app, ctx, { guardianIdsOf: async (request) => (request.family.session?.studentId ? null : (request.family.session?.guardianIds ?? null)) });
    app.get('/me', pageOptions, async (request, reply) =>
      request.family.session
        ? turn(request, reply, { kind: 'command', command: 'start', args: '' }, request.family.student ? undefined : pushControls(request.family.t))
        : page(reply, request.family, signInForm(request.family)),
    );
    app.get('/me/c/:command', pageOptions, async (request, reply) => {
      const command = (request.params as { command: string }).command;
      if (!PAGE_COMMANDS.has(command)) return reply.redirect('/me', 303);
      // Browser notifications are switched on from the settings page (and the home page).
      const push = command === 'settings' && !request.family.student ? pushControls(request.family.t) : undefined;
      return turn(request, reply, { kind: 'command', command, args: '' }, push);
    });
    app.get('/me/go', pageOptions, async (request, reply) => {
      const payload = String((request.query as Record<string, unknown>).p ?? '');
      if (!isNavigation(payload)) return reply.redirect('/me', 303);
      const push = payload === 'st:main' && !request.family.student ? pushControls(request.family.t) : undefined;
      return turn(request, reply, { kind: 'button', payload }, push);
    });
    app.post('/me/do', async (request, reply) => {
      const payload = String(((request.body ?? {}) as Record<string, unknown>).p ?? '').slice(0, 64);
      return turn(request, reply, { kind: 'button', payload });
    });

    app.post('/me/sign-in', async (request, reply) => {
      const s = request.family;
      const email = String(((request.body ?? {}) as Record<string, unknown>).email ?? '');
      const mail = await requestSignIn(ctx.db.prisma, ctx.secret, { email, client: request.ip || 'unknown', publicUrl: ctx.config.publicUrl, now: now() });
      if (mail) await sendSignInMail(mailer, mail).catch((error: unknown) => request.log.error({ err: error }, 'could not send a family sign-in link'));
      // The same answer whether the address is known or not.
      return page(reply, s, signInForm(s, s.t('family:signIn.sent')));
    });
    app.post('/me/student-sign-in', async (request, reply) => {
      const s = request.family;
      const code = String(((request.body ?? {}) as Record<string, unknown>).code ?? '').slice(0, 40);
      const result = await signInStudent({ prisma: ctx.db.prisma, secret: ctx.secret, logger: ctx.logger }, { code, client: request.ip || 'unknown', now: now() });
      if (result.kind === 'signed-in') {
        reply.setCookie(SESSION_COOKIE, result.token, cookie(FAMILY_SESSION_DAYS * 86_400));
        return reply.redirect('/me', 303);
      }
      const message =
        result.kind === 'needs-consent' ? s.t('family:studentSignIn.needsConsent') : result.kind === 'rate-limited' ? s.t('consent:bot.rateLimited', { minutes: result.retryInMinutes }) : s.t('consent:bot.invalid');
      return page(reply, s, signInForm(s, message), 400);
    });
    app.get('/me/sign-in', async (request, reply) => {
      const token = String((request.query as Record<string, unknown>).token ?? '');
      const opened = await openSignInLink(ctx.db.prisma, ctx.secret, token, now());
      if (!opened) return page(reply, request.family, signInForm(request.family, request.family.t('family:signIn.invalid')), 400);
      reply.setCookie(SESSION_COOKIE, opened.token, cookie(FAMILY_SESSION_DAYS * 86_400));
      return reply.redirect('/me', 303);
    });
    app.post('/me/sign-out', async (request, reply) => {
      if (request.family.session) await endFamilySession(ctx.db.prisma, request.family.session.id);
      reply.setCookie(SESSION_COOKIE, '', cookie(0));
      return reply.redirect('/me', 303);
    });
    app.post('/me/sign-out-everywhere', async (request, reply) => {
      const s = request.family;
      // A student's session is the only one of its account.
      if (s.session?.studentId) await endFamilySession(ctx.db.prisma, s.session.id);
      else if (s.session) await endGuardianSessions(ctx.db.prisma, s.session.guardianIds);
      reply.setCookie(SESSION_COOKIE, '', cookie(0));
      return page(reply, { ...s, session: null, signedIn: false }, signInForm(s, s.t('family:signedOutEverywhere')));
    });
  };
}

export const familyRoutes = createFamilyRoutes();
