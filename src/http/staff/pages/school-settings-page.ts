// The school's settings an admin may change: which chat messengers families are offered
// (in the order the consent forms show them) and whether scheduled digests go over MAX.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../app/app-context.js';
import { AppError } from '../../../lib/app-error.js';
import { CHAT_CHANNELS, isChatChannel } from '../../../modules/notifications/choose-channels.js';
import type { ChatChannelsProblem } from '../../../modules/schools/parse-chat-channels.js';
import { updateSchoolSettings } from '../../../modules/schools/update-school-settings.js';
import { assertAdmin } from '../../../modules/staff/authorize.js';
import { botUsername } from '../bot-username.js';
import { resolveSchoolBotLinks, type SchoolBotLink } from '../../../modules/bots/resolve-school-bot-links.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField, layout, notice } from '../layout.js';
import { formField, queryField, sendPage, signedIn, type SignedIn } from '../request-state.js';
import { options } from '../table-html.js';

const PATH = '/staff/admin/school';

interface Settings {
  chatChannels: string[];
  maxDigests: boolean;
}

function botLine(s: SignedIn, bot: SchoolBotLink): string {
  const messenger = s.t(`staff:channel.${bot.channel}`);
  return bot.botUsername ? s.t('staff:school.botReady', { messenger, bot: bot.botUsername }) : s.t(`staff:school.botMissing.${bot.channel}`, { messenger });
}

async function page(s: SignedIn, ctx: AppContext, settings: Settings, message?: SafeHtml): Promise<SafeHtml> {
  const { t } = s;
  const choices = CHAT_CHANNELS.map((c) => ({ value: c, label: t(`staff:channel.${c}`) }));
  const [first = '', second = ''] = settings.chatChannels;
  // The bot the school's forms will name: its own where it registered one.
  const links = await resolveSchoolBotLinks(ctx.db.prisma, s.user.schoolId, CHAT_CHANNELS, (channel) => botUsername(ctx, channel));
  const bots = links.map((bot) => botLine(s, bot));
  const body = html`${message}
<form method="post" action="${PATH}" class="card">
  ${csrfField(s)}
  <h2>${t('staff:school.chatTitle')}</h2>
  <p class="hint">${t('staff:school.chatHint')}</p>
  <label>${t('staff:school.first')}<select name="first">${options(choices, first)}</select></label>
  <label>${t('staff:school.second')}<select name="second">${options([{ value: '', label: t('staff:school.none') }, ...choices], second)}</select></label>
  <ul class="hint">${bots.map((line) => html`<li>${line}</li>`)}</ul>
  <p><a href="/staff/admin/bots">${t('school-bots:page.settingsLink')}</a></p>
  <h2>${t('staff:school.digestsTitle')}</h2>
  <label class="check"><input type="checkbox" name="maxDigests" value="on"${settings.maxDigests ? html` checked` : ''}> ${t('staff:school.maxDigests')}</label>
  <p class="hint">${t('staff:school.maxDigestsHint')}</p>
  <button type="submit">${t('staff:school.save')}</button>
</form>`;
  return layout(s, { title: t('staff:school.title'), path: PATH, body });
}

function problemText(s: SignedIn, error: AppError): string {
  const details = error.details as Partial<ChatChannelsProblem> | undefined;
  if (details?.field === 'chatChannels' && details.reason) {
    return s.t(`staff:school.error.${details.reason}`, { messenger: isChatChannel(details.value ?? '') ? s.t(`staff:channel.${details.value}`) : (details.value ?? '') });
  }
  return s.t(`staff:errors.${error.code}`);
}

export function registerSchoolSettingsPage(app: FastifyInstance, ctx: AppContext): void {
  const prisma = ctx.db.prisma;

  app.get(PATH, async (request, reply) => {
    const s = signedIn(request);
    assertAdmin(s.user);
    const school = await prisma.school.findUniqueOrThrow({ where: { id: s.user.schoolId }, select: { chatChannels: true, maxDigests: true } });
    const message = queryField(request, 'done') === 'saved' ? notice('ok', s.t('staff:school.saved')) : undefined;
    return sendPage(reply, await page(s, ctx, school, message));
  });

  app.post(PATH, async (request, reply) => {
    const s = signedIn(request);
    assertAdmin(s.user);
    // A browser sends an unchecked box not at all: absent means off.
    const chosen = [formField(request, 'first'), formField(request, 'second')].filter((c) => c !== '');
    const maxDigests = formField(request, 'maxDigests') === 'on';
    try {
      await updateSchoolSettings(prisma, { schoolId: s.user.schoolId, chatChannels: chosen, maxDigests, actor: { type: 'admin', id: s.user.id } });
      return reply.redirect(`${PATH}?done=saved`, 303);
    } catch (error) {
      if (!AppError.is(error)) throw error;
      return sendPage(reply, await page(s, ctx, { chatChannels: chosen, maxDigests }, notice('error', problemText(s, error))), 422);
    }
  });
}
