// Settings › Messengers: which linked messenger receives messages, and "connect another
// messenger" — a one-time link into the other bot, so no second consent code is needed.
import { AppError } from '../../lib/app-error.js';
import { resolveSchoolBotLinks } from '../../modules/bots/resolve-school-bot-links.js';
import { createChatLink } from '../../modules/channels/create-chat-link.js';
import { deepLink } from '../../modules/consent/draw-consent-stub.js';
import { offeredChats } from '../../modules/consent/preview-code.js';
import { CHAT_CHANNELS, type ChatChannel } from '../../modules/notifications/choose-channels.js';
import { getParentSettings, updateParentSettings } from '../../modules/parent-settings/index.js';
import { callbackData } from '../format/callback-data.js';
import { Keyboard } from '../keyboard.js';
import { bold, type Inline } from '../markup.js';
import { refuse, resolveChild } from '../open-view.js';
import { answer, showScreen } from '../reply.js';
import type { Router } from '../router.js';
import type { Turn } from '../types.js';

const isChat = (value: string | undefined): value is ChatChannel => (CHAT_CHANNELS as readonly string[]).includes(value ?? '');

/**
 * The bots serving the family's schools on `channel`, each with the guardians it serves: a
 * school's own bot redeems only its school's links, so a family in two schools with
 * different bots gets one link per bot. Schools with no bot there are left out.
 */
async function botsFor(turn: Turn, channel: ChatChannel): Promise<Array<{ bot: string; guardianIds: string[] }>> {
  const defaultName = (c: ChatChannel) => turn.deps.botUsernames?.[c]?.() ?? Promise.resolve(null);
  // Each school's bot is looked up once, however many of the family's guardians it has.
  const bySchool = new Map<string, string[]>();
  for (const guardian of turn.links.guardians) bySchool.set(guardian.schoolId, [...(bySchool.get(guardian.schoolId) ?? []), guardian.id]);
  const groups = new Map<string, string[]>();
  for (const [schoolId, guardianIds] of bySchool) {
    const [link] = await resolveSchoolBotLinks(turn.deps.prisma, schoolId, [channel], defaultName);
    if (link?.botUsername) groups.set(link.botUsername, [...(groups.get(link.botUsername) ?? []), ...guardianIds]);
  }
  return [...groups].map(([bot, guardianIds]) => ({ bot, guardianIds }));
}

async function screen(turn: Turn, extra?: { lines: Inline[]; keyboard: Keyboard }): Promise<void> {
  const { t } = turn;
  const guardianIds = turn.links.guardians.map((g) => g.id);
  const settings = await getParentSettings(turn.deps.prisma, guardianIds);
  const name = (c: ChatChannel) => t(`consent:bot.channelNames.${c}`);
  const linked = CHAT_CHANNELS.filter((c) => settings.channels.some((ch) => ch.type === c));
  const offered = new Set((await Promise.all(turn.links.guardians.map((g) => offeredChats(turn.deps.prisma, g.schoolId)))).flat());
  const candidates = CHAT_CHANNELS.filter((c) => !linked.includes(c) && offered.has(c));
  const served = await Promise.all(candidates.map(async (c) => (await botsFor(turn, c)).length > 0));
  const connectable = candidates.filter((_, i) => served[i]);
  const lines: Inline[] = [bold(t('bot:settings.messengers')), '', ...linked.map((c) => t('bot:settings.linkedMark', { name: name(c) })), '', t('bot:settings.messengersHelp')];
  const keyboard = extra?.keyboard ?? new Keyboard();
  if (linked.length > 1) for (const c of linked) keyboard.text(`${settings.receivingChat === c ? '• ' : ''}${t('bot:settings.receiveIn', { name: name(c) })}`, callbackData('st', 'rc', c)).row();
  for (const c of connectable) keyboard.text(t('bot:settings.connect', { name: name(c) }), callbackData('st', 'cl', c)).row();
  keyboard.row().text(t('bot:settings.back'), callbackData('st', 'main'));
  await showScreen(turn, [...lines, ...(extra?.lines ?? [])], keyboard);
}

export function messengersFeature(router: Router): void {
  router.button(/^st:(ms|rc|cl)(?::([a-z]+))?$/, async (turn, match) => {
    if (turn.links.guardians.length === 0) return void (await resolveChild(turn));
    const [op, value] = [match[1], match[2]];
    if (op === 'ms' && value === undefined) {
      await answer(turn);
      return screen(turn);
    }
    if (!isChat(value)) return refuse(turn, { settings: op, value });
    const guardianIds = turn.links.guardians.map((g) => g.id);
    if (op === 'rc') {
      try {
        await updateParentSettings(turn.deps.prisma, guardianIds, { kind: 'receivingChat', value });
      } catch (error) {
        if (AppError.is(error, 'FORBIDDEN')) return refuse(turn, { settings: op, value });
        throw error;
      }
      await answer(turn, turn.t('bot:settings.saved'));
      return screen(turn);
    }
    const name = turn.t(`consent:bot.channelNames.${value}`);
    const bots = value === turn.chat.channel ? [] : await botsFor(turn, value);
    if (bots.length === 0) return answer(turn, turn.t('bot:settings.connectUnavailable', { name }), true);
    const keyboard = new Keyboard();
    for (const { bot, guardianIds: served } of bots) {
      const link = await createChatLink(turn.deps.prisma, turn.deps.secret, { guardianIds: served, channel: value, now: turn.deps.now() });
      const label = bots.length > 1 ? turn.t('bot:settings.openBot', { name, bot }) : turn.t('bot:settings.open', { name });
      keyboard.url(label, deepLink(value, bot, link.payload)).row();
    }
    await answer(turn);
    await screen(turn, { lines: ['', bold(turn.t('bot:settings.connectLink', { name }))], keyboard });
  });
}
