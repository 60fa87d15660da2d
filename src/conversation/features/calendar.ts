// The calendar feed from any channel: tests, holidays and timetable changes in the
// family's own calendar app. The address is secret; a new one can be made at any time.
import { calendarFeedUrls, resetCalendarFeed } from '../../modules/calendar-feed/reset-calendar-feed.js';
import { Keyboard } from '../keyboard.js';
import { bold, link, type Inline } from '../markup.js';
import { resolveChild } from '../open-view.js';
import { answer, showScreen } from '../reply.js';
import type { Router } from '../router.js';
import type { Turn } from '../types.js';

async function screen(turn: Turn, urls: string[]): Promise<void> {
  const { t } = turn;
  const lines: Inline[] = [bold(t('bot:calendar.title')), '', t('bot:calendar.help')];
  if (urls.length === 0) lines.push('', t('bot:calendar.off'));
  else lines.push('', t('bot:calendar.address'), ...urls.map((url) => link(url, url)), '', t('bot:calendar.secret'));
  const keyboard = new Keyboard().text(t(urls.length ? 'bot:calendar.reset' : 'bot:calendar.turnOn'), 'st:cr').row().text(t('bot:menu.back'), 'menu');
  await showScreen(turn, lines, keyboard);
}

export function calendarFeature(router: Router): void {
  const ids = (turn: Turn) => turn.links.guardians.map((g) => g.id);
  router.button('st:cal', async (turn) => {
    if (turn.links.guardians.length === 0) return void (await resolveChild(turn));
    await answer(turn);
    await screen(turn, await calendarFeedUrls(turn.deps.prisma, turn.deps.secret, turn.deps.config.publicUrl, ids(turn)));
  });
  router.button('st:cr', async (turn) => {
    if (turn.links.guardians.length === 0) return void (await resolveChild(turn));
    const urls = await resetCalendarFeed(turn.deps.prisma, turn.deps.secret, turn.deps.config.publicUrl, ids(turn));
    await answer(turn, turn.t('bot:calendar.done'));
    await screen(turn, urls);
  });
}
