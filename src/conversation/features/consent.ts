// What the family agreed to, and the way out: the signed consent per child, with the date,
// and the same withdrawal as /stop (confirmation first, then everything is erased).
import { formatDay } from '../format/dates.js';
import { Keyboard } from '../keyboard.js';
import { bold, type Inline } from '../markup.js';
import { resolveChild } from '../open-view.js';
import { answer, showScreen } from '../reply.js';
import type { Router } from '../router.js';

export function consentFeature(router: Router): void {
  router.button('st:cs', async (turn) => {
    if (turn.links.guardians.length === 0) return void (await resolveChild(turn));
    const { t, lang } = turn;
    const records = await turn.deps.prisma.consentRecord.findMany({
      where: { guardianId: { in: turn.links.guardians.map((g) => g.id) }, decision: 'signed', withdrawnAt: null },
      include: { student: { select: { fullName: true } }, school: { select: { name: true } } },
      orderBy: { recordedAt: 'asc' },
    });
    const lines: Inline[] = [bold(t('bot:consent.title')), '', t('bot:consent.intro')];
    for (const r of records) {
      const signed = r.documentDate ?? r.recordedAt;
      lines.push('', [bold(r.student.fullName), `, ${r.school.name}`], t('bot:consent.signed', { date: formatDay(lang, signed.toISOString().slice(0, 10), false) }));
    }
    lines.push('', t('bot:consent.withdrawHelp'));
    await answer(turn);
    await showScreen(turn, lines, new Keyboard().text(t('bot:consent.withdraw'), 'stop:ask').row().text(t('bot:menu.back'), 'menu'));
  });
}
