import { InlineKeyboard } from 'grammy';
import { getCurrentMarks, type LinkedChild } from '../../modules/parent-views/index.js';
import type { BotContext } from '../context.js';
import { callbackData, longId, shortId } from '../format/callback-data.js';
import { formatDay, formatNumber, formatShortDay } from '../format/dates.js';
import { bold, escapeHtml, italic } from '../format/html.js';
import { kindLabel, markWithWeight, shownAverage } from '../format/marks.js';
import { backToMenu, childHeader } from '../menu.js';
import { viewFeature, type RenderedView } from '../open-view.js';

/** /marks: the current period by subject; a subject's button opens its marks in detail. */
export function createMarksFeature() {
  return viewFeature('marks', async (ctx, child, arg) => {
    if (arg === undefined) return overview(ctx, child);
    const subjectId = longId(arg);
    return subjectId ? detail(ctx, child, subjectId) : undefined;
  });
}

async function overview(ctx: BotContext, child: LinkedChild): Promise<RenderedView> {
  const { t, lang } = ctx;
  const data = await getCurrentMarks(ctx.deps.prisma, { child, now: ctx.deps.now() });
  const lines = [childHeader(ctx, child, t('bot:marks.title'))];
  if (!data.period) return { text: [...lines, '', t('bot:common.noPeriod')].join('\n') };
  lines.push(escapeHtml(t('bot:common.period', { name: data.period.name, from: formatShortDay(lang, data.period.startsOn), to: formatShortDay(lang, data.period.endsOn) })));
  if (data.subjects.length === 0) lines.push('', t('bot:marks.none'));
  const keyboard = new InlineKeyboard();
  const id = shortId(child.studentId);
  data.subjects.forEach((s, i) => {
    const average = s.average === null ? '' : ` — ${escapeHtml(t('bot:marks.average', { average: formatNumber(lang, shownAverage(s.average)) }))}`;
    lines.push('', `${bold(s.subjectName)}${average}`, s.marks.map((m) => markWithWeight(m.value, m.weight)).join(' '));
    keyboard.text(s.subjectName, callbackData('v', 'marks', id, shortId(s.subjectId)));
    if (i % 2 === 1) keyboard.row();
  });
  lines.push('', italic(t('bot:marks.hint')));
  return { text: lines.join('\n'), keyboard: backToMenu(t, keyboard) };
}

async function detail(ctx: BotContext, child: LinkedChild, subjectId: string): Promise<RenderedView> {
  const { t, lang } = ctx;
  const data = await getCurrentMarks(ctx.deps.prisma, { child, now: ctx.deps.now() }, { subjectId });
  const subject = data.subjects[0];
  const lines = [childHeader(ctx, child, subject ? subject.subjectName : t('bot:marks.title'))];
  if (data.period) lines.push(escapeHtml(t('bot:common.period', { name: data.period.name, from: formatShortDay(lang, data.period.startsOn), to: formatShortDay(lang, data.period.endsOn) })));
  if (!subject) return { text: [...lines, '', t('bot:marks.noneForSubject')].join('\n'), keyboard: back(ctx, child) };
  if (subject.average !== null) lines.push(bold(t('bot:marks.average', { average: formatNumber(lang, shownAverage(subject.average)) })));
  lines.push('');
  for (const m of subject.marks) {
    const weight = t('bot:marks.weight', { weight: formatNumber(lang, m.weight) });
    lines.push(`${formatDay(lang, m.date)}: ${bold(m.value)} · ${kindLabel(t, m.kind)} · ${escapeHtml(weight)}`);
    if (m.comment) lines.push(`  ${italic(m.comment)}`);
  }
  return { text: lines.join('\n'), keyboard: back(ctx, child) };
}

function back(ctx: BotContext, child: LinkedChild): InlineKeyboard {
  return backToMenu(ctx.t, new InlineKeyboard().text(ctx.t('bot:marks.allSubjects'), callbackData('v', 'marks', shortId(child.studentId))));
}
