import { recordView, selectedChild } from '../../modules/parent-views/index.js';
import { localeMarkup } from '../markup.js';
import { menuKeyboard } from '../menu.js';
import { answer, say, sendView } from '../reply.js';
import type { Router } from '../router.js';
import type { Turn } from '../types.js';

/** /help and the menu: every view as a button, for parents who do not type commands. */
export function helpFeature(router: Router): void {
  router.command(['help', 'menu'], async (turn) => {
    if (turn.links.student) return showMenu(turn, turn.t('bot:student.help'));
    if (turn.links.guardians.length === 0) return say(turn, [...localeMarkup(turn.t('bot:help.text')), '', ...localeMarkup(turn.t('bot:unlinked'))]);
    await showMenu(turn, turn.t('bot:help.text'));
  });
  // A bare start from a linked chat (registration passes it on): the menu.
  router.command('start', async (turn) => {
    if (turn.links.guardians.length === 0 && !turn.links.student) return say(turn, localeMarkup(turn.t('bot:unlinked')));
    await showMenu(turn, turn.t('bot:menu.title'));
  });
  router.button('menu', async (turn) => {
    await answer(turn);
    await showMenu(turn, turn.t('bot:menu.title'));
  });
}

export async function showMenu(turn: Turn, intro: string): Promise<void> {
  const child = selectedChild(turn.links);
  const who = child ? ['', turn.t('bot:common.childLine', { name: child.fullName, className: child.className })] : [];
  // On the web every page opened counts as a view; in a chat the menu is only a way to one.
  const guardian = turn.links.guardians[0];
  const recorded = turn.chat.channel === 'web' && guardian ? recordView(turn.deps.prisma, { schoolId: guardian.schoolId, guardianId: guardian.id, studentId: null, view: 'home', channelType: 'web', now: turn.deps.now() }) : undefined;
  await Promise.all([recorded, sendView(turn, [...localeMarkup(intro), ...who], menuKeyboard(turn.t, turn.links, child, turn.chat.channel))]);
}
