// The school's own bots: which bot serves its families on each messenger (its own or the
// shared one), the token masked, how many chats are linked through it; forms to register,
// replace and remove one. The token is checked with the messenger before anything is saved,
// and a page never shows it back, not even after a refusal.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../app/app-context.js';
import { AppError, HTTP_STATUS_BY_CODE } from '../../../lib/app-error.js';
import { listSchoolBots } from '../../../modules/bots/list-school-bots.js';
import { registerBot } from '../../../modules/bots/register-bot.js';
import { removeBot } from '../../../modules/bots/remove-bot.js';
import type { SchoolBotView } from '../../../modules/bots/types.js';
import { CHAT_CHANNELS, isChatChannel, type ChatChannel } from '../../../modules/notifications/choose-channels.js';
import { assertAdmin } from '../../../modules/staff/authorize.js';
import { createBotRegistry } from '../../../app/create-bot-registry.js';
import { connectBotWebhook } from '../../../channels/connect-bot-webhook.js';
import { disconnectBotWebhook } from '../../../channels/disconnect-bot-webhook.js';
import { explainBotError } from '../../../modules/bots/explain-bot-error.js';
import { botUsername } from '../bot-username.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField, layout, notice } from '../layout.js';
import { formField, queryField, sendPage, signedIn, type SignedIn } from '../request-state.js';
import { dataTable, options } from '../table-html.js';

export const SCHOOL_BOTS_PATH = '/staff/admin/bots';
const DONE = ['registered', 'replaced', 'token_changed', 'removed'] as const;

async function botCell(s: SignedIn, ctx: AppContext, bot: SchoolBotView): Promise<string> {
  const name = bot.username ?? (bot.own ? null : await botUsername(ctx, bot.type));
  const who = bot.own ? s.t('school-bots:page.own') : s.t('school-bots:page.default');
  return name ? `@${name} (${who})` : who;
}

async function page(s: SignedIn, ctx: AppContext, options_: { message?: SafeHtml; type?: ChatChannel; askReplace?: boolean } = {}): Promise<SafeHtml> {
  const { t } = s;
  const bots = await listSchoolBots(ctx.db.prisma, s.user.schoolId);
  const names = await Promise.all(bots.map((b) => botCell(s, ctx, b)));
  const rows = bots.map((bot, i) => ({ bot, name: names[i] ?? '' }));
  const choices = CHAT_CHANNELS.map((c) => ({ value: c, label: t(`school-bots:messenger.${c}`) }));
  const own = bots.filter((b) => b.own);
  const table = dataTable(
    [
      { label: t('school-bots:page.messenger'), cell: (r) => t(`school-bots:messenger.${r.bot.type}`) },
      { label: t('school-bots:page.bot'), cell: (r) => r.name },
      { label: t('school-bots:page.token'), cell: (r) => r.bot.tokenMasked ?? '—' },
      { label: t('school-bots:page.chats'), cell: (r) => String(r.bot.chats) },
    ],
    rows,
    '',
  );
  const body = html`${options_.message}
<p class="hint">${t('school-bots:page.intro')}</p>
${table}
<form method="post" action="${SCHOOL_BOTS_PATH}" class="card" autocomplete="off">
  ${csrfField(s)}
  <h2>${t('school-bots:page.registerTitle')}</h2>
  <label>${t('school-bots:page.messenger')}<select name="type">${options(choices, options_.type ?? 'max')}</select></label>
  <label>${t('school-bots:page.tokenLabel')}<input type="password" name="token" required autocomplete="off" spellcheck="false"></label>
  <p class="hint">${t('school-bots:page.tokenHint')}</p>
  <label class="check"><input type="checkbox" name="replace" value="on"${options_.askReplace ? html` autofocus` : ''}> ${t('school-bots:page.replace')}</label>
  <button type="submit">${t('school-bots:page.submit')}</button>
</form>
<section class="card">
  <h2>${t('school-bots:page.removeTitle')}</h2>
  ${own.length === 0
    ? html`<p class="hint">${t('school-bots:page.nothingToRemove')}</p>`
    : own.map(
        (b) => html`<form method="post" action="${SCHOOL_BOTS_PATH}/remove" class="action">
  ${csrfField(s)}<input type="hidden" name="type" value="${b.type}">
  <p class="hint">${t('school-bots:page.removeHint')}</p>
  <label class="check"><input type="checkbox" name="unlink" value="on"> ${t('school-bots:page.removeConfirm')}</label>
  <button type="submit" class="danger">${t('school-bots:page.removeSubmit', { messenger: t(`school-bots:messenger.${b.type}`) })}</button>
</form>`,
      )}
</section>`;
  return layout(s, { title: t('school-bots:page.title'), path: SCHOOL_BOTS_PATH, body });
}

async function refused(s: SignedIn, ctx: AppContext, error: unknown, type: ChatChannel): Promise<SafeHtml> {
  const explained = explainBotError(error, s.t);
  if (!AppError.is(explained)) throw error;
  const details = explained.details as { reason?: string } | undefined;
  const text = details?.reason ? explained.message : s.t(`staff:errors.${explained.code}`);
  return page(s, ctx, { message: notice('error', text), type, askReplace: details?.reason === 'chatsLinked' });
}

function status(error: unknown): number {
  return AppError.is(error) ? HTTP_STATUS_BY_CODE[error.code] : 500;
}

export function registerSchoolBotsPage(app: FastifyInstance, ctx: AppContext): void {
  app.get(SCHOOL_BOTS_PATH, async (request, reply) => {
    const s = signedIn(request);
    assertAdmin(s.user);
    const done = DONE.find((d) => d === queryField(request, 'done'));
    return sendPage(reply, await page(s, ctx, { message: done ? notice('ok', s.t(`school-bots:page.done.${done}`)) : undefined }));
  });

  app.post(SCHOOL_BOTS_PATH, async (request, reply) => {
    const s = signedIn(request);
    assertAdmin(s.user);
    const type = formField(request, 'type');
    if (!isChatChannel(type)) throw new AppError('INVALID_INPUT', 'unknown messenger');
    try {
      const saved = await registerBot(createBotRegistry(ctx), {
        schoolId: s.user.schoolId,
        type,
        token: formField(request, 'token'),
        replace: formField(request, 'replace') === 'on',
        actor: { type: 'admin', id: s.user.id },
        // In webhook mode the new bot's updates reach this server from now on.
        onRegistered: (bot) => connectBotWebhook(ctx, bot),
      });
      return reply.redirect(`${SCHOOL_BOTS_PATH}?done=${saved.outcome}`, 303);
    } catch (error) {
      return sendPage(reply, await refused(s, ctx, error, type), status(error));
    }
  });

  app.post(`${SCHOOL_BOTS_PATH}/remove`, async (request, reply) => {
    const s = signedIn(request);
    assertAdmin(s.user);
    const type = formField(request, 'type');
    if (!isChatChannel(type)) throw new AppError('INVALID_INPUT', 'unknown messenger');
    try {
      await removeBot(createBotRegistry(ctx), {
        schoolId: s.user.schoolId,
        type,
        unlinkChats: formField(request, 'unlink') === 'on',
        actor: { type: 'admin', id: s.user.id },
        onRemoved: (bot) => disconnectBotWebhook(ctx, bot),
      });
      return reply.redirect(`${SCHOOL_BOTS_PATH}?done=removed`, 303);
    } catch (error) {
      return sendPage(reply, await refused(s, ctx, error, type), status(error));
    }
  });
}
