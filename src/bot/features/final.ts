import { Composer, InlineKeyboard } from 'grammy';
import { AppError } from '../../lib/app-error.js';
import { acknowledgeFinalMarks, getFinalMarks } from '../../modules/parent-views/index.js';
import type { BotContext } from '../context.js';
import { callbackData, longId, shortId } from '../format/callback-data.js';
import { formatDay, formatInstant, formatNumber } from '../format/dates.js';
import { bold, escapeHtml, italic } from '../format/html.js';
import { backToMenu, childHeader } from '../menu.js';
import { refuse, resolveChild, viewFeature } from '../open-view.js';
import { answer, sendView } from '../reply.js';

/** /final: the latest period's final marks, deferred ones with their new date, exam results, and Acknowledge (R10). */
export function createFinalFeature() {
  const composer = new Composer<BotContext>();
  composer.use(
    viewFeature('final', async (ctx, child, arg) => {
      if (arg !== undefined) return undefined;
      const { t, lang } = ctx;
      const data = await getFinalMarks(ctx.deps.prisma, { child, now: ctx.deps.now() });
      const lines = [childHeader(ctx, child, t('bot:final.title'))];
      const keyboard = new InlineKeyboard();
      if (!data.period) lines.push('', t('bot:final.none'));
      else {
        lines.push(escapeHtml(t('bot:final.period', { name: data.period.name })), '');
        for (const m of data.marks) {
          const value =
            m.status === 'deferred'
              ? escapeHtml(t('bot:final.deferred', { date: m.deferredUntil ? formatDay(lang, m.deferredUntil, false) : t('bot:final.dateUnknown') }))
              : bold(m.value ?? '—');
          lines.push(`${escapeHtml(m.subjectName)}: ${value}`);
        }
        lines.push('');
        if (data.acknowledgedAt) lines.push(italic(t('bot:final.acknowledgedAt', { at: formatInstant(lang, data.acknowledgedAt, child.timezone) })));
        else {
          lines.push(italic(t('bot:final.pleaseAcknowledge')));
          keyboard.text(t('bot:final.acknowledge'), callbackData('ack', shortId(child.studentId), shortId(data.period.id)));
        }
      }
      if (data.exams.length > 0) {
        lines.push('', bold(t('bot:final.exams')));
        for (const e of data.exams) {
          const score = e.score !== null ? (e.maxScore !== null ? `${formatNumber(lang, e.score)}/${formatNumber(lang, e.maxScore)}` : formatNumber(lang, e.score)) : '';
          const mark = e.mark ? t('bot:final.examMark', { mark: e.mark }) : '';
          lines.push(`${formatDay(lang, e.date, false)} — ${escapeHtml(e.name)}: ${escapeHtml([score, mark].filter(Boolean).join(', '))}`);
        }
      }
      return { text: lines.join('\n'), keyboard: backToMenu(t, keyboard) };
    }),
  );

  composer.callbackQuery(/^ack:([^:]*):([^:]*)$/, async (ctx) => {
    const child = await resolveChild(ctx, ctx.match[1]);
    if (!child) return;
    const periodId = longId(ctx.match[2]);
    if (!periodId) return refuse(ctx, { periodId: ctx.match[2] });
    try {
      const result = await acknowledgeFinalMarks(ctx.deps.prisma, { child, periodId, now: ctx.deps.now() });
      await answer(ctx, ctx.t('bot:final.thanks'));
      const at = formatInstant(ctx.lang, result.acknowledgedAt, child.timezone);
      await sendView(ctx, escapeHtml(ctx.t(result.already ? 'bot:final.alreadyAcknowledged' : 'bot:final.acknowledged', { at, name: child.fullName })), backToMenu(ctx.t));
    } catch (error) {
      if (!AppError.is(error, 'NOT_FOUND')) throw error;
      await refuse(ctx, { periodId });
    }
  });
  return composer;
}
