import { AppError } from '../../lib/app-error.js';
import { acknowledgeFinalMarks, getFinalMarks } from '../../modules/parent-views/index.js';
import { callbackData, longId, shortId } from '../format/callback-data.js';
import { formatDay, formatInstant, formatNumber } from '../format/dates.js';
import { Keyboard } from '../keyboard.js';
import { bold, italic, type Inline } from '../markup.js';
import { backToMenu, childHeader } from '../menu.js';
import { refuse, resolveChild, viewFeature } from '../open-view.js';
import { answer, sendView } from '../reply.js';
import type { Router } from '../router.js';

/**
 * /final: the latest period's final marks, deferred ones with their new date, exam results, and
 * Acknowledge (R10). The acknowledgment shown is the family's own write, so it reads the primary.
 */
const finalView = viewFeature('final', async (turn, child, arg) => {
  if (arg !== undefined) return undefined;
  const { t, lang } = turn;
  const data = await getFinalMarks(turn.deps.prisma, { child, now: turn.deps.now() });
  const lines: Inline[] = childHeader(turn, child, t('bot:final.title'));
  const keyboard = new Keyboard();
  if (!data.period) lines.push('', t('bot:final.none'));
  else {
    lines.push(t('bot:final.period', { name: data.period.name }), '');
    for (const m of data.marks) {
      const value =
        m.status === 'deferred' ? t('bot:final.deferred', { date: m.deferredUntil ? formatDay(lang, m.deferredUntil, false) : t('bot:final.dateUnknown') }) : bold(m.value ?? '—');
      lines.push([`${m.subjectName}: `, value]);
    }
    lines.push('');
    if (data.acknowledgedAt) lines.push(italic(t('bot:final.acknowledgedAt', { at: formatInstant(lang, data.acknowledgedAt, child.timezone) })));
    // Acknowledging is the parents' duty (R10): a student's own chat gets no button.
    else if (child.guardianId) {
      lines.push(italic(t('bot:final.pleaseAcknowledge')));
      keyboard.text(t('bot:final.acknowledge'), callbackData('ack', shortId(child.studentId), shortId(data.period.id)));
    }
  }
  if (data.exams.length > 0) {
    lines.push('', bold(t('bot:final.exams')));
    for (const e of data.exams) {
      const score = e.score !== null ? (e.maxScore !== null ? `${formatNumber(lang, e.score)}/${formatNumber(lang, e.maxScore)}` : formatNumber(lang, e.score)) : '';
      const mark = e.mark ? t('bot:final.examMark', { mark: e.mark }) : '';
      lines.push(`${formatDay(lang, e.date, false)} — ${e.name}: ${[score, mark].filter(Boolean).join(', ')}`);
    }
  }
  return { body: lines, keyboard: backToMenu(t, keyboard) };
}, { ownWrites: true });

export function finalFeature(router: Router): void {
  finalView(router);
  router.button(/^ack:([^:]*):([^:]*)$/, async (turn, match) => {
    const child = await resolveChild(turn, match[1]);
    if (!child) return;
    const periodId = longId(match[2]);
    if (!periodId) return refuse(turn, { periodId: match[2] });
    try {
      const result = await acknowledgeFinalMarks(turn.deps.prisma, { child, periodId, now: turn.deps.now(), channelType: turn.chat.channel });
      await answer(turn, turn.t('bot:final.thanks'));
      const at = formatInstant(turn.lang, result.acknowledgedAt, child.timezone);
      await sendView(turn, [turn.t(result.already ? 'bot:final.alreadyAcknowledged' : 'bot:final.acknowledged', { at, name: child.fullName })], backToMenu(turn.t));
    } catch (error) {
      if (!AppError.is(error, 'NOT_FOUND')) throw error;
      await refuse(turn, { periodId });
    }
  });
}
