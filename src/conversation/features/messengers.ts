// Settings › Messengers: which linked messenger receives messages, and "connect another
// messenger" — a one-time link into the other bot, so no second consent code is needed.
import { AppError } from '../../lib/app-error.js';
import { createChatLink } from '../../modules/channels/create-chat-link.js';
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

const DEEP_LINK: Record<ChatChannel, (bot: string, payload: string) => string> = {
  telegram: (bot, payload) => `https://t.me/${bot}?start=${payload}`,
  max: (bot, payload) => `https://max.ru/${bot}?start=${payload}`,
};

const isChat = (value: string | undefined): value is ChatChannel => (CHAT_CHANNELS as readonly string[]).includes(value ?? '');

async function screen(turn: Turn, extra?: { lines: Inline[]; keyboard: Keyboard }): Promise<void> {
  const { t } = turn;
  const guardianIds = turn.links.guardians.map((g) => g.id);
  const settings = await getParentSettings(turn.deps.prisma, guardianIds);
  const name = (c: ChatChannel) => t(`consent:bot.channelNames.${c}`);
  const linked = CHAT_CHANNELS.filter((c) => settings.channels.some((ch) => ch.type === c));
  const offered = new Set((await Promise.all(turn.links.guardians.map((g) => offeredChats(turn.deps.prisma, g.schoolId)))).flat());
  const connectable = CHAT_CHANNELS.filter((c) => !linked.includes(c) && offered.has(c) && turn.deps.botUsernames?.[c]);
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
    const bot = await turn.deps.botUsernames?.[value]?.().catch(() => undefined);
    if (!bot || value === turn.chat.channel) return answer(turn, turn.t('bot:settings.connectUnavailable', { name }), true);
    const link = await createChatLink(turn.deps.prisma, turn.deps.secret, { guardianIds, channel: value, now: turn.deps.now() });
    await answer(turn);
    await screen(turn, { lines: ['', bold(turn.t('bot:settings.connectLink', { name }))], keyboard: new Keyboard().url(turn.t('bot:settings.open', { name }), DEEP_LINK[value](bot, link.payload)).row() });
  });
}
