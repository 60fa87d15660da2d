import { recordView, selectChild, selectedChild } from '../../modules/parent-views/index.js';
import { callbackData, shortId } from '../format/callback-data.js';
import { Keyboard } from '../keyboard.js';
import { bold } from '../markup.js';
import { menuKeyboard } from '../menu.js';
import { resolveChild } from '../open-view.js';
import { answer, sendView } from '../reply.js';
import type { Router } from '../router.js';
import type { Turn } from '../types.js';

/** /children: choose whose data the views show when several children are linked; the choice is remembered. */
export function childrenFeature(router: Router): void {
  const list = async (turn: Turn) => {
    await answer(turn);
    if (turn.links.guardians.length === 0) return void (await resolveChild(turn));
    const current = selectedChild(turn.links);
    const keyboard = new Keyboard();
    for (const child of turn.links.children) {
      const label = `${child.studentId === current?.studentId ? '• ' : ''}${child.fullName}, ${child.className}`;
      keyboard.text(label, callbackData('ch', shortId(child.studentId))).row();
    }
    const guardian = turn.links.guardians[0]!;
    await Promise.all([
      recordView(turn.deps.prisma, { schoolId: guardian.schoolId, guardianId: guardian.id, studentId: null, view: 'children', channelType: turn.chat.channel, now: turn.deps.now() }),
      sendView(turn, [bold(turn.t('bot:children.title')), turn.t('bot:children.choose')], keyboard),
    ]);
  };
  router.command('children', list);
  router.button('ch:list', list);
  router.button(/^ch:(?!list$)([^:]*)$/, async (turn, match) => {
    const child = await resolveChild(turn, match[1]);
    if (!child) return;
    await selectChild(turn.deps.prisma, turn.links, child);
    for (const g of turn.links.guardians) g.selectedStudentId = g.id === child.guardianId ? child.studentId : null;
    await answer(turn);
    await sendView(turn, [turn.t('bot:children.selected', { name: child.fullName })], menuKeyboard(turn.t, turn.links, child, turn.chat.channel));
  });
}
