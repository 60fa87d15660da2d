import { isAbsence } from '../../modules/notifications/count-absences.js';
import { getCurrentMarks, type LinkedChild } from '../../modules/parent-views/index.js';
import { callbackData, longId, shortId } from '../format/callback-data.js';
import { formatDay, formatNumber, formatShortDay } from '../format/dates.js';
import { kindLabel, markWithWeight, shownAverage } from '../format/marks.js';
import { Keyboard } from '../keyboard.js';
import { bold, italic, type Inline } from '../markup.js';
import { backToMenu, childHeader } from '../menu.js';
import { viewFeature, type RenderedView } from '../open-view.js';
import type { Turn } from '../types.js';

/** /marks: the current period by subject; a subject's button opens its marks in detail. */
export const marksFeature = viewFeature('marks', async (turn, child, arg) => {
  if (arg === undefined) return overview(turn, child);
  const subjectId = longId(arg);
  return subjectId ? detail(turn, child, subjectId) : undefined;
});

function periodLine(turn: Turn, period: { name: string; startsOn: string; endsOn: string }): string {
  return turn.t('bot:common.period', { name: period.name, from: formatShortDay(turn.lang, period.startsOn), to: formatShortDay(turn.lang, period.endsOn) });
}

async function overview(turn: Turn, child: LinkedChild): Promise<RenderedView> {
  const { t, lang } = turn;
  const data = await getCurrentMarks(turn.deps.prisma, { child, now: turn.deps.now() });
  const lines: Inline[] = childHeader(turn, child, t('bot:marks.title'));
  if (!data.period) return { body: [...lines, '', t('bot:common.noPeriod')] };
  lines.push(periodLine(turn, data.period));
  if (data.subjects.length === 0) lines.push('', t('bot:marks.none'));
  const keyboard = new Keyboard();
  const id = shortId(child.studentId);
  data.subjects.forEach((s, i) => {
    // «н» is an absence, not a mark: counted beside the average instead of listed.
    const missed = s.marks.filter((m) => isAbsence(m.value)).length;
    const facts = [
      ...(s.average === null ? [] : [t('bot:marks.average', { average: formatNumber(lang, shownAverage(s.average)) })]),
      ...(missed ? [t('bot:marks.absences', { count: missed })] : []),
    ];
    const marks = s.marks.filter((m) => !isAbsence(m.value)).map((m) => markWithWeight(m.value, m.weight)).join(' ');
    lines.push('', [bold(s.subjectName), facts.length ? ` — ${facts.join(', ')}` : ''], ...(marks ? [marks] : []));
    keyboard.text(s.subjectName, callbackData('v', 'marks', id, shortId(s.subjectId)));
    if (i % 2 === 1) keyboard.row();
  });
  lines.push('', italic(t('bot:marks.hint')));
  return { body: lines, keyboard: backToMenu(t, keyboard) };
}

async function detail(turn: Turn, child: LinkedChild, subjectId: string): Promise<RenderedView> {
  const { t, lang } = turn;
  const data = await getCurrentMarks(turn.deps.prisma, { child, now: turn.deps.now() }, { subjectId });
  const subject = data.subjects[0];
  const lines: Inline[] = childHeader(turn, child, subject ? subject.subjectName : t('bot:marks.title'));
  if (data.period) lines.push(periodLine(turn, data.period));
  if (!subject) return { body: [...lines, '', t('bot:marks.noneForSubject')], keyboard: back(turn, child) };
  if (subject.average !== null) lines.push(bold(t('bot:marks.average', { average: formatNumber(lang, shownAverage(subject.average)) })));
  const missed = subject.marks.filter((m) => isAbsence(m.value)).length;
  if (missed) lines.push(bold(t('bot:marks.absences', { count: missed })));
  lines.push('');
  for (const m of subject.marks) {
    const weight = t('bot:marks.weight', { weight: formatNumber(lang, m.weight) });
    lines.push([`${formatDay(lang, m.date)}: `, bold(m.value), ` · ${kindLabel(t, m.kind)} · ${weight}`]);
    if (m.comment) lines.push(['  ', italic(m.comment)]);
  }
  return { body: lines, keyboard: back(turn, child) };
}

function back(turn: Turn, child: LinkedChild): Keyboard {
  return backToMenu(turn.t, new Keyboard().text(turn.t('bot:marks.allSubjects'), callbackData('v', 'marks', shortId(child.studentId))));
}
